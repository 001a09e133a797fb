using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fargo.Aws.Shapes;

/// <summary>Writes and reads an <see cref="IAwsConstant{TSelf}"/> as its wire string.</summary>
public sealed class AwsConstantJsonConverter<T> : JsonConverter<T>
    where T : class, IAwsConstant<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");
        }

        return T.FromWire(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }

    // Maps keyed by an enum (e.g. ECR's findingSeverityCounts) carry the value as the property name.
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.FromWire(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.Value);
    }
}
