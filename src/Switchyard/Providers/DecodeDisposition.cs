namespace Switchyard.Providers;

/// <summary>What a stream decoder made of one upstream SSE event, for same-format passthrough.</summary>
public enum DecodeDisposition
{
    /// <summary>A meaningful event: forward its bytes.</summary>
    Forward,

    /// <summary>A keep-alive or comment (<c>ping</c>): harmless to forward, carries no content.</summary>
    KeepAlive,

    /// <summary>A repeated or spliced event (e.g. a second <c>message_start</c>): drop it.</summary>
    Drop,
}
