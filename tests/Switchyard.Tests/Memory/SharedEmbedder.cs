using Switchyard.Memory.Local;

namespace Switchyard.Tests.Memory;

/// <summary>One MiniLM model per test process: loading it takes a second or two and it is thread-safe.</summary>
internal static class SharedEmbedder
{
    private static readonly Lazy<MiniLmEmbedder> Lazy = new(() => new MiniLmEmbedder());

    public static MiniLmEmbedder Instance => Lazy.Value;
}
