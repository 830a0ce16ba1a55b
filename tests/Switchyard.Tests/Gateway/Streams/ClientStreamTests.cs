using System.Buffers;
using System.Text;
using Switchyard.Gateway;
using Switchyard.Gateway.Streams;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Streaming;
using Switchyard.Tests.Fakes;
using Switchyard.Tests.Storage;

namespace Switchyard.Tests.Gateway.Streams;

public sealed class ClientStreamTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task PublishAsync_LoggedFrameToAConnectedCaller_AllocatesNothingPerEventOnceWarm()
    {
        // The same-format path of a live stream slower than the log's flush interval: the attempt writes each upstream frame
        // to Output, publishing numbers it, appends it to the delta log and sends it to the caller with its id line.
        await using var log = new SqliteDeltaLog(_database.Path, TimeProvider.System);
        var sink = new RecordingSink();
        var request = new GatewayRequest(
            new FakeWireCodec(WireFormat.AnthropicMessages),
            new ChatRequest { Model = "m", Messages = [ChatMessage.FromText(ChatRole.User, "hi")] },
            Encoding.UTF8.GetBytes("""{"model":"m"}"""));
        var stream = new ClientStream(request, log, TimeProvider.System);
        await stream.CommitAsync(sink, new ServedBy("sim", "m", null, 1), new FakeStreamEncoder(), passedThrough: true);
        var frame = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" token\"}}\n\n"u8.ToArray();
        await PublishEachAsync(log, stream, sink, frame, 20);
        var published = 20;

        // The least of up to three rounds: the caller's pipe rents a pooled 4 KB buffer per flushed frame, and a GC caused
        // by the tests running beside this one may trim the shared pool, so that one rent in a round allocates it anew.
        var least = long.MaxValue;
        for (var round = 0; round < 3 && least > 0; round++)
        {
            least = Math.Min(least, await PublishEachAsync(log, stream, sink, frame, 200));
            published += 200;
        }

        Assert.Equal(0, least);
        Assert.Contains($"id: {stream.StreamId}:{published - 1}\nevent: content_block_delta\n", sink.Streamed(), StringComparison.Ordinal);
        await stream.CompleteAsync();
        var logged = 0;
        await foreach (var record in log.ReadAsync(stream.StreamId, "default", 0, Ct))
        {
            Assert.Equal("content_block_delta", record.EventType);
            logged++;
        }

        Assert.Equal(published - 1, logged); // after sequence 0
    }

    // Publishes one frame at a time, each once the log committed the one before; returns what publishing allocated.
    private static async Task<long> PublishEachAsync(SqliteDeltaLog log, ClientStream stream, RecordingSink sink, byte[] frame, int count)
    {
        long allocated = 0;
        for (var i = 0; i < count; i++)
        {
            var committed = log.Transactions;
            stream.Output.Write(frame);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var publishing = stream.PublishAsync(flush: false);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(publishing.IsCompletedSuccessfully); // so nothing ran on another thread
            await publishing;

            // The flush is not measured: this project builds in Debug, where an async method's state machine is an object
            // even when it completes at once (the pipe's own flush allocates nothing here: it never pauses the writer).
            await stream.FlushAsync();
            sink.Streamed(); // the caller reads what was sent, so the pipe reuses its segments
            while (log.Transactions == committed)
            {
                await Task.Delay(1, Ct);
            }
        }

        return allocated;
    }
}
