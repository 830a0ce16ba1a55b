using Switchyard.Providers;

namespace Switchyard.Tests.Fakes;

/// <summary>A provider that answers with whatever the test hands it and records what it was sent.</summary>
internal sealed class FakeChatProvider(string name, WireFormat format) : IChatProvider
{
    private readonly List<UpstreamRequest> _requests = [];

    public string Name => name;

    public FakeWireCodec FakeCodec { get; } = new(format);

    public IWireCodec Codec => FakeCodec;

    /// <summary>Builds the answer to each request; the default fails loudly so an unexpected call is visible.</summary>
    public Func<UpstreamRequest, UpstreamResponse> Respond { get; set; } = _ => throw new InvalidOperationException("No response configured.");

    public IReadOnlyList<UpstreamRequest> Requests => _requests;

    /// <summary>How long the provider takes before answering (real time; zero answers at once).</summary>
    public TimeSpan Delay { get; set; }

    public async Task<UpstreamResponse> SendAsync(UpstreamRequest request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        return Respond(request);
    }
}
