using Switchyard.Providers;

namespace Switchyard.Batching;

public sealed partial class BatchJobRunner
{
    /// <summary>
    /// Submits every chunk of the job not yet created at the provider, resolving intents a stopped run left behind:
    /// an upload that may have happened is repeated (files are free), a create that may have happened is looked up
    /// by its marker before the batch is created again.
    /// </summary>
    public async Task<BatchJobStatus> SubmitAsync(string jobId, CancellationToken cancellationToken)
    {
        var status = Status(jobId);
        if (status.Job.CancelRequested)
        {
            return status;
        }

        var known = status.Chunks.Where(c => c.BatchId is not null).Select(c => c.BatchId!).ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in status.Chunks.Where(c => c.State < BatchChunkState.Created))
        {
            var created = await SubmitChunkAsync(chunk, known, cancellationToken).ConfigureAwait(false);
            known.Add(created.BatchId!);
            Checkpoint(BatchCheckpoints.AfterCreate);
        }

        return Status(jobId);
    }

    private async Task<BatchChunk> SubmitChunkAsync(BatchChunk chunk, IReadOnlySet<string> known, CancellationToken cancellationToken)
    {
        if (chunk.State == BatchChunkState.Creating)
        {
            var notBefore = (chunk.CreateIntentAt ?? DateTimeOffset.MinValue) - _options.ClockSkew;
            var found = await _provider.FindAsync(chunk.Marker, notBefore, chunk.Requests, known, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                var adopted = WithRemote(chunk, found);
                _store.UpdateChunk(adopted);
                return adopted;
            }
        }

        if (_provider.UploadsFiles && (chunk.FileId is null || chunk.State == BatchChunkState.Uploading))
        {
            chunk = chunk with { State = BatchChunkState.Uploading };
            _store.UpdateChunk(chunk);
            var fileId = await _provider.UploadAsync(chunk.Path, $"{chunk.Marker}.jsonl", cancellationToken).ConfigureAwait(false);
            Checkpoint(BatchCheckpoints.AfterUploadBeforeRecord);
            chunk = chunk with { State = BatchChunkState.Uploaded, FileId = fileId };
            _store.UpdateChunk(chunk);
            Checkpoint(BatchCheckpoints.AfterUploadBeforeCreate);
        }

        chunk = chunk with { State = BatchChunkState.Creating, CreateIntentAt = _options.Time.GetUtcNow() };
        _store.UpdateChunk(chunk);
        var remote = await _provider.CreateAsync(chunk.Path, chunk.FileId, chunk.Marker, cancellationToken).ConfigureAwait(false);
        Checkpoint(BatchCheckpoints.AfterCreateBeforeRecord);
        chunk = WithRemote(chunk, remote);
        _store.UpdateChunk(chunk);
        return chunk;
    }
}
