namespace Switchyard.Memory;

/// <summary>An embedding or index backend failed. The engine catches it and degrades (no recall) rather than failing the caller.</summary>
public sealed class MemoryBackendException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MemoryBackendException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MemoryBackendException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying failure.</summary>
    public MemoryBackendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
