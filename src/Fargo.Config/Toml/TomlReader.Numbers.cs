using System.Globalization;
using System.Text;

namespace Fargo.Config.Toml;

internal sealed partial class TomlReader
{
    private TomlValue ReadNumberOrDateTime(TomlPosition position)
    {
        if (IsDigitAt(_pos) && IsDigitAt(_pos + 1))
        {
            if (IsDigitAt(_pos + 2) && IsDigitAt(_pos + 3) && Peek(4) == '-')
            {
                return ReadDateOrDateTime(position);
            }

            if (Peek(2) == ':')
            {
                var time = new StringBuilder(18);
                ReadTime(time);
                return new TomlDateTime(TomlDateTimeKind.LocalTime, time.ToString(), position);
            }
        }

        var start = _pos;
        var end = start;
        while (end < _text.Length && IsNumberChar(_text[end]))
        {
            end++;
        }

        _pos = end;
        return new NumberParser(this, start, end, position).Parse();
    }

    private static bool IsNumberChar(char c) =>
        c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or '.' or '+' or '-';

    private bool IsDigitAt(int index) => index < _text.Length && char.IsAsciiDigit(_text[index]);

    /// <summary>Checks one number token (integer or float) against TOML's grammar and converts it.</summary>
    private readonly ref struct NumberParser(TomlReader reader, int start, int end, TomlPosition position)
    {
        private readonly ReadOnlySpan<char> _token = reader._text.AsSpan(start, end - start);

        public TomlValue Parse()
        {
            if (_token.IsEmpty)
            {
                throw reader.Unexpected("a value");
            }

            var i = 0;
            var hasSign = _token[0] is '+' or '-';
            var negative = _token[0] == '-';
            if (hasSign)
            {
                i++;
            }

            var body = _token[i..];
            if (body is "inf")
            {
                return new TomlFloat(negative ? double.NegativeInfinity : double.PositiveInfinity, position);
            }

            if (body is "nan")
            {
                return new TomlFloat(double.NaN, position);
            }

            if (body.Length >= 2 && body[0] == '0' && body[1] is 'x' or 'o' or 'b' or 'X' or 'O' or 'B')
            {
                return ParseRadix(i, hasSign);
            }

            if (body.IsEmpty || !char.IsAsciiDigit(body[0]))
            {
                throw Fail(i, hasSign && body.IsEmpty
                    ? "a sign must be followed by a number"
                    : "invalid value: expected a number (a decimal, 0x, 0o or 0b integer, a float, inf or nan)");
            }

            var intStart = i;
            var intDigits = ReadDigits(ref i, 10);
            if (intDigits > 1 && _token[intStart] == '0')
            {
                throw Fail(intStart, "leading zeros are not allowed in a decimal number");
            }

            var isFloat = false;
            if (i < _token.Length && _token[i] == '.')
            {
                isFloat = true;
                i++;
                if (i >= _token.Length || !char.IsAsciiDigit(_token[i]))
                {
                    throw Fail(i - 1, "a decimal point must be followed by digits");
                }

                ReadDigits(ref i, 10);
            }

            if (i < _token.Length && _token[i] is 'e' or 'E')
            {
                isFloat = true;
                i++;
                if (i < _token.Length && _token[i] is '+' or '-')
                {
                    i++;
                }

                if (i >= _token.Length || !char.IsAsciiDigit(_token[i]))
                {
                    throw Fail(Math.Min(i, _token.Length - 1), "an exponent must have digits");
                }

                ReadDigits(ref i, 10);
            }

            if (i < _token.Length)
            {
                throw Fail(i, $"invalid character '{_token[i]}' in a number");
            }

            return isFloat ? ToFloat() : ToDecimalInteger(negative, hasSign ? 1 : 0);
        }

        private TomlInteger ParseRadix(int prefixStart, bool hasSign)
        {
            var prefix = _token[prefixStart + 1];
            if (hasSign)
            {
                throw Fail(0, "hexadecimal, octal and binary integers cannot have a sign");
            }

            var radix = prefix switch
            {
                'x' => 16,
                'o' => 8,
                'b' => 2,
                _ => throw Fail(prefixStart + 1, $"the prefix must be lower-case: 0{char.ToLowerInvariant(prefix)}"),
            };

            var i = prefixStart + 2;
            if (i >= _token.Length || DigitValue(_token[i], radix) < 0)
            {
                throw Fail(Math.Min(i, _token.Length - 1), $"0{prefix} must be followed by base-{radix} digits");
            }

            var digitsStart = i;
            ReadDigits(ref i, radix);
            if (i < _token.Length)
            {
                throw Fail(i, $"invalid character '{_token[i]}' in a base-{radix} integer");
            }

            ulong value = 0;
            foreach (var c in _token[digitsStart..])
            {
                if (c == '_')
                {
                    continue;
                }

                var next = value * (ulong)radix + (ulong)DigitValue(c, radix);
                if (value > (ulong)long.MaxValue / (ulong)radix || next > long.MaxValue)
                {
                    throw Fail(0, "integer is out of range (a 64-bit signed integer)");
                }

                value = next;
            }

            return new TomlInteger((long)value, position);
        }

        /// <summary>Digits of the radix with single underscores between them; returns how many digits.</summary>
        private int ReadDigits(ref int i, int radix)
        {
            var digits = 0;
            var afterUnderscore = false;
            while (i < _token.Length)
            {
                var c = _token[i];
                if (DigitValue(c, radix) >= 0)
                {
                    digits++;
                    afterUnderscore = false;
                }
                else if (c == '_')
                {
                    if (digits == 0 || afterUnderscore)
                    {
                        throw Fail(i, "an underscore in a number must stand between two digits");
                    }

                    afterUnderscore = true;
                }
                else
                {
                    break;
                }

                i++;
            }

            if (afterUnderscore)
            {
                throw Fail(i - 1, "an underscore in a number must stand between two digits");
            }

            return digits;
        }

        private TomlInteger ToDecimalInteger(bool negative, int digitsStart)
        {
            // Accumulate negatively: long.MinValue has no positive counterpart.
            long value = 0;
            foreach (var c in _token[digitsStart..])
            {
                if (c == '_')
                {
                    continue;
                }

                var digit = c - '0';
                if (value < (long.MinValue + digit) / 10)
                {
                    throw Fail(0, "integer is out of range (a 64-bit signed integer)");
                }

                value = value * 10 - digit;
            }

            if (!negative)
            {
                if (value == long.MinValue)
                {
                    throw Fail(0, "integer is out of range (a 64-bit signed integer)");
                }

                value = -value;
            }

            return new TomlInteger(value, position);
        }

        private TomlFloat ToFloat()
        {
            Span<char> buffer = _token.Length <= 256 ? stackalloc char[_token.Length] : new char[_token.Length];
            var length = 0;
            foreach (var c in _token)
            {
                if (c != '_')
                {
                    buffer[length++] = c;
                }
            }

            var value = double.Parse(buffer[..length], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(value))
            {
                throw Fail(0, "float is out of range (a 64-bit IEEE 754 number); write inf for infinity");
            }

            return new TomlFloat(value, position);
        }

        private static int DigitValue(char c, int radix)
        {
            var value = radix == 16 ? HexValue(c) : char.IsAsciiDigit(c) ? c - '0' : -1;
            return value < radix ? value : -1;
        }

        private TomlException Fail(int offset, string reason) => reader.Error(reason, start + offset);
    }
}
