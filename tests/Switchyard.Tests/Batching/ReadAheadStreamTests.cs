using Switchyard.Batching;

namespace Switchyard.Tests.Batching;

public sealed class ReadAheadStreamTests
{
    [Theory]
    [InlineData(0, 4096)]
    [InlineData(1, 1)]
    [InlineData(3_000_001, 7)]
    [InlineData(5 << 20, 1 << 20)]
    [InlineData(2_500_000, 100_003)]
    public void Read_GivesTheSourceBytesInOrder_WhateverTheReadSizes(int size, int readSize)
    {
        var source = new byte[size];
        new Random(size).NextBytes(source);
        using var ahead = new ReadAheadStream(new MemoryStream(source));

        var copy = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = ahead.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        Assert.Equal(source, copy.ToArray());
        Assert.Equal(0, ahead.Read(buffer));
    }

    [Fact]
    public void Read_ASourceThatFails_ThrowsOnTheReadersThread()
    {
        using var ahead = new ReadAheadStream(new FailingStream(3 << 20));

        var buffer = new byte[64 * 1024];
        var error = Assert.Throws<IOException>(() =>
        {
            while (ahead.Read(buffer) > 0)
            {
            }
        });

        Assert.Contains("disk went away", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsTheReaderWithoutReadingTheRest()
    {
        var source = new FailingStream(long.MaxValue);
        var ahead = new ReadAheadStream(source);
        ahead.ReadExactly(new byte[10]);

        ahead.Dispose();

        Assert.True(source.Position < 64L << 20, $"read {source.Position} bytes");
    }

    /// <summary>Gives zero bytes until <c>failAt</c>, then throws as a broken disk would.</summary>
    private sealed class FailingStream(long failAt) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Interlocked.Read(ref _position);
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAt)
            {
                throw new IOException("the disk went away");
            }

            var n = (int)Math.Min(count, failAt - _position);
            Array.Clear(buffer, offset, n);
            Interlocked.Add(ref _position, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
