using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

/// <summary>
/// The open stream's pooled chunks: events are copied once into them and the chunks are reused once durable, so what a
/// reader or the writer gets must never change under it when later events reuse the memory.
/// </summary>
public sealed class LiveStreamChunkTests
{
    private static readonly StreamHeader Header = new("s1", "tenant", "openai-chat", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task EventsOverSeveralChunks_ReadersAndWriterSeeTheirOwnBytes_WhileChunksAreReused()
    {
        var stream = new LiveStream(Header);
        var queued = new List<LoggedEvent>();
        var written = new Dictionary<long, byte[]>();
        var subscription = stream.Subscribe(afterSequence: -1);

        // 3,000-byte events: five per 16 KB chunk, so 40 events fill eight chunks; commit every fourth event as the writer does.
        for (var sequence = 0L; sequence < 40; sequence++)
        {
            var data = Payload(sequence, 3000);
            stream.Append(sequence, "delta", data, (_, logged) => queued.Add(logged));
            if (sequence % 4 == 3)
            {
                foreach (var logged in queued)
                {
                    written[logged.Sequence] = logged.Data.ToArray(); // What the writer binds, before marking durable.
                }

                stream.MarkDurable(sequence);
                queued.Clear();
            }
        }

        Assert.All(written, pair => Assert.Equal(Payload(pair.Key, 3000), pair.Value));
        stream.Complete(StreamState.Completed, DateTimeOffset.UnixEpoch, _ => { });
        var live = new List<StreamEventRecord>();
        await foreach (var record in subscription.Live!.Reader.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            live.Add(record);
        }

        Assert.Equal(40, live.Count);
        Assert.All(live, record => Assert.Equal(Payload(record.Sequence, 3000), record.Data.ToArray()));
        stream.ReleaseChunks();
    }

    [Fact]
    public void Subscribe_PendingEvents_AreCopies_ThatOutliveChunkReuse()
    {
        var stream = new LiveStream(Header);
        stream.Append(0, null, Payload(0, 100), (_, _) => { });
        stream.Append(1, null, Payload(1, 100), (_, _) => { });
        var pending = stream.Subscribe(afterSequence: 0).Pending;

        // Everything durable: the chunk is written from its start again by the next events.
        stream.MarkDurable(1);
        stream.Append(2, null, Payload(2, 100), (_, _) => { });

        var only = Assert.Single(pending);
        Assert.Equal(1, only.Sequence);
        Assert.Equal(Payload(1, 100), only.Data.ToArray());
    }

    [Fact]
    public void Append_EventLargerThanAChunk_IsKeptWhole()
    {
        var stream = new LiveStream(Header);
        LoggedEvent queued = default;
        stream.Append(0, "big", Payload(0, 40_000), (_, logged) => queued = logged);

        Assert.Equal(Payload(0, 40_000), queued.Data.ToArray());
        Assert.Equal("big", queued.EventType);
    }

    private static byte[] Payload(long sequence, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)('a' + ((sequence + i) % 26));
        }

        return bytes;
    }
}
