using System.Buffers;
using System.Collections.Concurrent;

namespace Switchyard.Batching;

/// <summary>
/// The thread behind one or more <see cref="WriteBehindStream"/>s: it takes filled pooled blocks in order and writes each
/// to its file. The queue is bounded (<see cref="MaxQueuedBlocks"/>), which bounds memory and lets the disk set the pace.
/// The first failed write is kept and reported to the streams (<see cref="ThrowIfFaulted"/>); later blocks are dropped.
/// Hand-written: no BCL or kept library writes files behind on another thread.
/// </summary>
internal sealed class WriteBehindWorker : IDisposable
{
    /// <summary>The size of one block.</summary>
    public const int BlockBytes = 256 * 1024;

    private const int MaxQueuedBlocks = 16;

    private readonly BlockingCollection<Block> _blocks = new(MaxQueuedBlocks);
    private readonly Thread _thread;
    private volatile Exception? _fault;
    private bool _disposed;

    public WriteBehindWorker()
    {
        _thread = new Thread(WriteBlocks) { IsBackground = true, Name = "Switchyard batch write-behind" };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="length"/> bytes of <paramref name="pooled"/> (rented from the shared pool; returned after the write).</summary>
    public void Write(FileStream file, byte[] pooled, int length) => _blocks.Add(new Block(file, pooled, length, null));

    /// <summary>Waits until every block queued so far is written.</summary>
    public void Drain()
    {
        using var written = new ManualResetEventSlim();
        _blocks.Add(new Block(null, null, 0, written));
        written.Wait();
    }

    /// <summary>Throws the first failed write, if any.</summary>
    public void ThrowIfFaulted(string path)
    {
        if (_fault is { } fault)
        {
            throw new IOException($"Writing '{path}' failed: {fault.Message}", fault);
        }
    }

    /// <summary>Writes what is queued, then stops the thread.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _blocks.CompleteAdding();
        _thread.Join();
        _blocks.Dispose();
    }

    private void WriteBlocks()
    {
        foreach (var block in _blocks.GetConsumingEnumerable())
        {
            if (block.Data is { } data)
            {
                try
                {
                    if (_fault is null)
                    {
                        block.File!.Write(data, 0, block.Length);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
                {
                    _fault = ex;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(data);
                }
            }

            block.Written?.Set();
        }
    }

    private readonly record struct Block(FileStream? File, byte[]? Data, int Length, ManualResetEventSlim? Written);
}
