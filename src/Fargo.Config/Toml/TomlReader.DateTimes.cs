using System.Text;

namespace Fargo.Config.Toml;

internal sealed partial class TomlReader
{
    /// <summary>
    /// YYYY-MM-DD, optionally followed by a time ('T', 't' or one space) and an offset ('Z', 'z' or ±HH:MM).
    /// The text kept is RFC 3339: 'T' and 'Z' upper-case, fractional seconds as written.
    /// </summary>
    private TomlDateTime ReadDateOrDateTime(TomlPosition position)
    {
        var start = _pos;
        var year = ReadTwoOrFourDigits(4, "year");
        ExpectChar('-', "'-' between year and month (YYYY-MM-DD)");
        var month = ReadTwoOrFourDigits(2, "month");
        ExpectChar('-', "'-' between month and day (YYYY-MM-DD)");
        var dayStart = _pos;
        var day = ReadTwoOrFourDigits(2, "day");
        if (month is < 1 or > 12)
        {
            throw Error($"month {month:00} is out of range (01-12)", start + 5);
        }

        if (day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month))
        {
            throw Error($"day {day:00} does not exist in {year:0000}-{month:00}", dayStart);
        }

        var text = new StringBuilder(40).Append(_text, start, _pos - start);
        var separator = Peek();
        var hasTime = separator is 'T' or 't' || separator == ' ' && IsDigitAt(_pos + 1) && IsDigitAt(_pos + 2) && Peek(3) == ':';
        if (!hasTime)
        {
            return new TomlDateTime(TomlDateTimeKind.LocalDate, text.ToString(), position);
        }

        _pos++;
        text.Append('T');
        ReadTime(text);
        var offset = Peek();
        if (offset is 'Z' or 'z')
        {
            _pos++;
            text.Append('Z');
            return new TomlDateTime(TomlDateTimeKind.OffsetDateTime, text.ToString(), position);
        }

        if (offset is '+' or '-')
        {
            var offsetStart = _pos;
            _pos++;
            var hours = ReadTwoOrFourDigits(2, "offset hour");
            ExpectChar(':', "':' in the time offset (±HH:MM)");
            var minutes = ReadTwoOrFourDigits(2, "offset minute");
            if (hours > 23 || minutes > 59)
            {
                throw Error("time offset is out of range (hours 00-23, minutes 00-59)", offsetStart);
            }

            text.Append(_text, offsetStart, _pos - offsetStart);
            return new TomlDateTime(TomlDateTimeKind.OffsetDateTime, text.ToString(), position);
        }

        return new TomlDateTime(TomlDateTimeKind.LocalDateTime, text.ToString(), position);
    }

    /// <summary>HH:MM:SS with optional fractional seconds, appended as written.</summary>
    private void ReadTime(StringBuilder text)
    {
        var start = _pos;
        var hour = ReadTwoOrFourDigits(2, "hour");
        ExpectChar(':', "':' between hour and minute (HH:MM:SS)");
        var minute = ReadTwoOrFourDigits(2, "minute");
        ExpectChar(':', "':' and seconds after the minute (HH:MM:SS; seconds are required)");
        var second = ReadTwoOrFourDigits(2, "second");
        if (hour > 23)
        {
            throw Error($"hour {hour:00} is out of range (00-23)", start);
        }

        if (minute > 59)
        {
            throw Error($"minute {minute:00} is out of range (00-59)", start + 3);
        }

        // 60 is RFC 3339's leap second.
        if (second > 60)
        {
            throw Error($"second {second:00} is out of range (00-60)", start + 6);
        }

        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigitAt(_pos))
            {
                throw Error("a decimal point in a time must be followed by digits", _pos - 1);
            }

            while (IsDigitAt(_pos))
            {
                _pos++;
            }
        }

        text.Append(_text, start, _pos - start);
    }

    private int ReadTwoOrFourDigits(int count, string what)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            if (!IsDigitAt(_pos))
            {
                throw Error($"the {what} must have exactly {count} digits", _pos);
            }

            value = value * 10 + _text[_pos] - '0';
            _pos++;
        }

        if (IsDigitAt(_pos))
        {
            throw Error($"the {what} must have exactly {count} digits", _pos);
        }

        return value;
    }

    private void ExpectChar(char expected, string what)
    {
        if (Peek() != expected)
        {
            throw Unexpected(what);
        }

        _pos++;
    }
}
