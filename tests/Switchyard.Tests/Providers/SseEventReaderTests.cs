using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Text;
using Switchyard.Providers;
using Switchyard.Testing;

namespace Switchyard.Tests.Providers;

/// <summary>
/// The gateway's own SSE reader against the framework's <see cref="SseParser"/> as the oracle: the same events, types and
/// data for every edge case of the format and for the recorded provider streams, however the bytes are split.
/// </summary>
public sealed class SseEventReaderTests
{
    public static TheoryData<string> EdgeCases() =>
    [
        "data: a\n\n",
        "data: a\r\n\r\n",
        "data: a\r\rdata: b\r\r",
        "event: ping\ndata: {}\n\n",
        "\uFEFFdata: bom\n\n",
        ": comment\ndata: x\n\n",
        "data:no space\n\n",
        "data:  two spaces\n\n",
        "data: one\ndata: two\n\ndata: three\n\n",
        "data\n\n",
        "data:\n\n",
        "event: only\n\ndata: after\n\n",
        "event:\ndata: empty type\n\n",
        "id: 7\nretry: 100\ndata: with id\n\n",
        "unknown: field\ndata: y\n\n",
        "data: no final blank line\n",
        "data: no line end at all",
        "event: a\nevent: b\ndata: last type wins\n\n",
        "data: x\n\n\n\n\ndata: y\n\n",
        "data: é ü 漢字 🚀\n\n",
        "",
        "\n\n",
    ];

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public async Task EdgeCase_SameEventsAsSseParser_WhateverTheSplit(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var expected = Oracle(bytes);

        foreach (var chunk in new[] { 1, 2, 3, 7, 4096 })
        {
            Assert.Equal(expected, await ReadAllAsync(bytes, chunk));
        }
    }

    [Theory]
    [InlineData("openai/chat/node-stream-structured-output.sse")]
    [InlineData("openai/chat/node-stream-content-logprobs.sse")]
    [InlineData("anthropic/messages/pydantic-thinking-part-stream.sse")]
    public async Task RecordedStream_SameEventsAsSseParser(string fixture)
    {
        var bytes = File.ReadAllBytes(RecordedTraffic.PathOf(fixture));
        var expected = Oracle(bytes);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, await ReadAllAsync(bytes, 4096));
        Assert.Equal(expected, await ReadAllAsync(bytes, 5));
    }

    [Fact]
    public async Task Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await using var reader = new SseEventReader(new MemoryStream("data: a\n\n"u8.ToArray()), cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.MoveNextAsync());
    }

    private static List<(string, string)> Oracle(byte[] bytes) =>
        SseParser.Create(new MemoryStream(bytes), static (_, data) => Encoding.UTF8.GetString(data))
            .Enumerate()
            .Select(item => (item.EventType, item.Data))
            .ToList();

    private static async Task<List<(string, string)>> ReadAllAsync(byte[] bytes, int chunk)
    {
        // Small pipe segments so that lines and events span segments.
        var options = new StreamPipeReaderOptions(bufferSize: Math.Max(chunk, 16), minimumReadSize: Math.Max(chunk / 2, 8), leaveOpen: true);
        await using var reader = new SseEventReader(new TrickleStream(bytes, chunk), CancellationToken.None, options);
        var events = new List<(string, string)>();
        while (await reader.MoveNextAsync())
        {
            events.Add((reader.EventType, Encoding.UTF8.GetString(reader.Data.Span)));
        }

        Assert.False(await reader.MoveNextAsync());
        return events;
    }

    // Hands out at most `chunk` bytes per read, as a network stream does when events arrive spaced out.
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
