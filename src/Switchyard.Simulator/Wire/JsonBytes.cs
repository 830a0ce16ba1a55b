using System.Buffers;
using System.Text.Json;

namespace Switchyard.Simulator.Wire;

/// <summary>Writes JSON with <see cref="Utf8JsonWriter"/>: field order is ours to choose (it matches the real APIs) and no reflection is involved.</summary>
internal static class JsonBytes
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Like <see cref="Write(Action{Utf8JsonWriter})"/>, as a string.</summary>
    public static string Text(Action<Utf8JsonWriter> write) => System.Text.Encoding.UTF8.GetString(Write(write));
}
