using System.Buffers;
using System.Text;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers;
using Xunit;

namespace Switchyard.Testing;

/// <summary>
/// Checks a stream decoder's span-level <see cref="IStreamDecoder.Observe"/> against its own
/// <see cref="IStreamDecoder.Decode"/> as the oracle: two decoders run the same events in lockstep, and for every event
/// the facts the gateway reads on passthrough (disposition, start, usage, finish, error, end, commit point, text,
/// characters, tool calls, the usage-only chunk) must be equal, as must the decoders' state and their completion.
/// </summary>
public static class ObserverOracle
{
    /// <summary>The facts of one event. <see cref="Thrown"/> names an exception both must throw alike.</summary>
    public sealed record Facts(
        DecodeDisposition? Disposition, string? Thrown, MessageStartEvent? Start, TokenUsage? Usage, FinishReason? Finish,
        Failure? Error, bool Ended, bool Content, bool NonText, int Characters, int ToolCallsStarted, string Text,
        bool UsageOnly, bool Terminated);

    /// <summary>Asserts equal facts over a recorded stream and each of its <see cref="StreamVariants"/>.</summary>
    public static void AssertSameFactsOverVariants(Func<IStreamDecoder> create, IReadOnlyList<(string? EventType, byte[] Data)> events, string fixture)
    {
        Assert.NotEmpty(events);
        foreach (var (name, variant) in StreamVariants.Of(events))
        {
            AssertSameFacts(create, variant, $"{fixture}, {name}");
        }
    }

    /// <summary>Runs both over <paramref name="events"/> and asserts equal facts per event; returns how many events ran.</summary>
    public static int AssertSameFacts(Func<IStreamDecoder> create, IReadOnlyList<(string? EventType, byte[] Data)> events, string name)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(events);
        var oracle = create();
        var observer = create();
        var text = new ArrayBufferWriter<char>();
        var observation = new StreamObservation(text);
        for (var i = 0; i < events.Count; i++)
        {
            var (eventType, data) = events[i];
            var expected = Decoded(oracle, eventType, data);
            var actual = Observed(observer, observation, text, eventType, data);
            if (expected != actual)
            {
                Assert.Fail($"{name}, event {i} ({Encoding.UTF8.GetString(data)}):\n expected {expected}\n actual   {actual}");
            }

            if (expected.Thrown is not null)
            {
                return i + 1;
            }
        }

        List<StreamEvent> completedByOracle = [];
        List<StreamEvent> completedByObserver = [];
        oracle.Complete(completedByOracle);
        observer.Complete(completedByObserver);
        Assert.Equal(completedByOracle, completedByObserver);
        return events.Count;
    }

    private static Facts Decoded(IStreamDecoder decoder, string? eventType, byte[] data)
    {
        List<StreamEvent> events = [];
        DecodeDisposition disposition;
        try
        {
            disposition = decoder.Decode(eventType, data, events);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return Threw(ex, decoder);
        }

        // What StreamingAttempt.Observe reads of the events, stated here independently of StreamObservation.
        var texts = events.OfType<TextDeltaEvent>().Select(e => e.Text).ToList();
        var arguments = events.OfType<ToolCallArgumentsDeltaEvent>().Sum(e => e.Fragment.Length);
        var thinking = events.OfType<ThinkingDeltaEvent>().Sum(e => e.Text?.Length ?? 0);
        var nonText = events.Any(e => e is ToolCallStartEvent or ToolCallArgumentsDeltaEvent or RefusalDeltaEvent or ThinkingDeltaEvent);
        return new Facts(
            disposition, null,
            events.OfType<MessageStartEvent>().FirstOrDefault(),
            events.OfType<UsageEvent>().LastOrDefault()?.Usage,
            events.OfType<FinishEvent>().LastOrDefault()?.Reason,
            events.OfType<StreamErrorEvent>().LastOrDefault()?.Failure,
            events.Any(e => e is StreamEndEvent),
            nonText || texts.Any(t => t.Length > 0) || events.Any(e => e is FinishEvent),
            nonText,
            texts.Sum(t => t.Length) + arguments + thinking,
            events.OfType<ToolCallStartEvent>().Count(),
            string.Concat(texts),
            events.Count == 1 && events[0] is UsageEvent,
            decoder.IsTerminated);
    }

    private static Facts Observed(IStreamDecoder decoder, StreamObservation observation, ArrayBufferWriter<char> text, string? eventType, byte[] data)
    {
        observation.Reset();
        var before = text.WrittenCount;
        DecodeDisposition disposition;
        try
        {
            disposition = decoder.Observe(eventType, data, observation);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return Threw(ex, decoder);
        }

        return new Facts(
            disposition, null, observation.Start, observation.Usage, observation.Finish, observation.Error, observation.Ended,
            observation.Content, observation.NonText, observation.Characters, observation.ToolCallsStarted,
            new string(text.WrittenSpan[before..]), observation.UsageOnly, decoder.IsTerminated);
    }

    private static Facts Threw(Exception ex, IStreamDecoder decoder) =>
        new(null, ex.GetType().Name, null, null, null, null, false, false, false, 0, 0, string.Empty, false, decoder.IsTerminated);
}
