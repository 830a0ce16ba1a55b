using Switchyard.Model;

namespace Switchyard.Providers;

/// <summary>
/// Turns one provider's SSE events into canonical <see cref="StreamEvent"/>s. Stateful, one instance per stream,
/// not thread-safe. Malformed events become a <see cref="StreamErrorEvent"/>, never an exception.
/// </summary>
public interface IStreamDecoder
{
    /// <summary>Decodes one SSE event and appends the canonical events it carries to <paramref name="output"/>.</summary>
    /// <param name="eventType">The SSE <c>event:</c> field, or null when absent.</param>
    /// <param name="data">The SSE <c>data:</c> payload (UTF-8).</param>
    /// <param name="output">Receives zero or more events.</param>
    /// <returns>What passthrough should do with the raw bytes of this event.</returns>
    DecodeDisposition Decode(string? eventType, ReadOnlySpan<byte> data, IList<StreamEvent> output);

    /// <summary>
    /// Observes one SSE event for same-format passthrough, where the bytes go out unchanged and only the facts in
    /// <paramref name="observation"/> are needed: the same facts, disposition and decoder state as <see cref="Decode"/>.
    /// The default decodes to canonical events and folds them in; the decoders on the same-format path override it with
    /// a <c>Utf8JsonReader</c> pass that makes no <c>JsonDocument</c>, events or strings for the common events.
    /// </summary>
    /// <param name="eventType">The SSE <c>event:</c> field, or null when absent.</param>
    /// <param name="data">The SSE <c>data:</c> payload (UTF-8).</param>
    /// <param name="observation">Receives the facts; the caller resets it before each event.</param>
    /// <returns>What passthrough should do with the raw bytes of this event.</returns>
    DecodeDisposition Observe(string? eventType, ReadOnlySpan<byte> data, StreamObservation observation) =>
        (observation ?? throw new ArgumentNullException(nameof(observation))).Decode(this, eventType, data);

    /// <summary>
    /// Called once when the upstream body ended. If no terminal event was seen, appends a
    /// <see cref="StreamErrorEvent"/> of kind <c>StreamBroken</c>: a stream never ends silently.
    /// </summary>
    void Complete(IList<StreamEvent> output);

    /// <summary>Whether the provider's terminal event (<c>[DONE]</c> / <c>message_stop</c>) or an error has been seen.</summary>
    bool IsTerminated { get; }
}
