namespace Switchyard.Simulator.Batches;

/// <summary>An OpenAI file (uploaded batch input or generated output/error file); its bytes live at <see cref="Path"/>.</summary>
internal sealed record StoredFile(string Id, string Filename, string Purpose, long Bytes, DateTimeOffset CreatedAt, string Path);
