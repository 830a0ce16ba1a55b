using System.Runtime.CompilerServices;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Runtime;

/// <summary>
/// The append-only event log of one Responses generation; the frame at index N has <c>sequence_number</c> N. Any
/// number of readers replay it and then follow the live tail, byte-identically. Thread-safe: one writer, many readers.
/// </summary>
internal sealed class ResponseEventLog
{
    private readonly Lock _gate = new();
    private readonly List<SseFrame> _frames = [];
    private TaskCompletionSource _changed = NewSignal();
    private bool _completed;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _frames.Count;
            }
        }
    }

    /// <summary>Appends a frame and wakes the readers; returns its sequence number.</summary>
    public int Append(SseFrame frame)
    {
        TaskCompletionSource changed;
        int sequence;
        lock (_gate)
        {
            if (_completed)
            {
                return -1;
            }

            sequence = _frames.Count;
            _frames.Add(frame);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.SetResult();
        return sequence;
    }

    /// <summary>Ends the log: readers finish after the last frame. Idempotent.</summary>
    public void Complete()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            changed = _changed;
        }

        changed.SetResult();
    }

    /// <summary>Completes when the log has been completed.</summary>
    public async Task WaitCompletedAsync(CancellationToken ct)
    {
        await foreach (var _ in ReadAsync(int.MaxValue - 1, ct))
        {
        }
    }

    /// <summary>The frames with a sequence number above <paramref name="startingAfter"/>: the stored ones, then the live tail until the log completes.</summary>
    public async IAsyncEnumerable<SseFrame> ReadAsync(int startingAfter, [EnumeratorCancellation] CancellationToken ct)
    {
        var next = Math.Max(0, startingAfter + 1);
        while (true)
        {
            SseFrame? frame = null;
            Task wait;
            lock (_gate)
            {
                if (next < _frames.Count)
                {
                    frame = _frames[next];
                }
                else if (_completed)
                {
                    yield break;
                }

                wait = _changed.Task;
            }

            if (frame is { } f)
            {
                next++;
                yield return f;
                continue;
            }

            await wait.WaitAsync(ct);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
