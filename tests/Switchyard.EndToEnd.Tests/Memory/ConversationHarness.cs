using System.Text.Json;
using Switchyard.AspNetCore.Auth;
using Switchyard.Hosting.Auth;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// The gateway harness with a second tenant and a one-second stream log retention, so that stored responses outlive the
/// log (the conversation store must answer for them).
/// </summary>
public sealed class ConversationHarness : GatewayHarness
{
    /// <summary>The virtual key of tenant <c>globex</c>.</summary>
    public const string OtherTenantKey = "sy-test-globex-9876543210";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Switchyard:Keys:1:Tenant", "globex"),
        new("Switchyard:Keys:1:Hash", KeyHash.Compute(OtherTenantKey)),
        new("Switchyard:Streams:RetentionSeconds", "1"),
    ];

    /// <summary>The last provider request the simulator received.</summary>
    public async Task<(string Path, JsonElement Body)> LastSimulatorRequestAsync() => (await SimulatorRequestsAsync())[^1];
}
