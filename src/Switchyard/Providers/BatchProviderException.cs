namespace Switchyard.Providers;

/// <summary>A provider batch call failed. The message names the call and the provider's error, never the key.</summary>
public sealed class BatchProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BatchProviderException(string message, int? status = null, Exception? inner = null)
        : base(message, inner) => Status = status;

    /// <summary>Creates the exception.</summary>
    public BatchProviderException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public BatchProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BatchProviderException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The HTTP status, when the provider answered.</summary>
    public int? Status { get; }
}
