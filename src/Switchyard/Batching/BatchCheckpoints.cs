namespace Switchyard.Batching;

/// <summary>Named points of the runner where a crash is most interesting (see <see cref="BatchRunnerOptions.Checkpoint"/>).</summary>
public static class BatchCheckpoints
{
    /// <summary>The file is uploaded, its id not yet recorded.</summary>
    public const string AfterUploadBeforeRecord = "after-upload-before-record";

    /// <summary>The upload is recorded, the batch not yet created.</summary>
    public const string AfterUploadBeforeCreate = "after-upload-before-create";

    /// <summary>The batch is created at the provider, its id not yet recorded.</summary>
    public const string AfterCreateBeforeRecord = "after-create-before-record";

    /// <summary>The batch is recorded; the next chunk not yet started.</summary>
    public const string AfterCreate = "after-create";

    /// <summary>Half of a chunk's results are read, none committed.</summary>
    public const string MidCollect = "mid-collect";

    /// <summary>A chunk's results are committed; the output files not yet written.</summary>
    public const string AfterChunkCollected = "after-chunk-collected";
}
