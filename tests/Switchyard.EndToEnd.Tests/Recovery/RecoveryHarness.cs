using Switchyard.AspNetCore.Auth;
using Switchyard.Hosting.Auth;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>The gateway harness with a second tenant, for isolation checks.</summary>
public sealed class RecoveryHarness : GatewayHarness
{
    /// <summary>The virtual key of tenant <c>globex</c>.</summary>
    public const string OtherTenantKey = "sy-test-globex-9876543210";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Switchyard:Keys:1:Tenant", "globex"),
        new("Switchyard:Keys:1:Hash", KeyHash.Compute(OtherTenantKey)),
        new("Switchyard:Routes:no-repair:Continuation", "false"),
        new("Switchyard:Routes:no-repair:Targets:0:Provider", "openai"),
        new("Switchyard:Routes:no-repair:Targets:0:Model", "gpt-4o-mini"),
    ];
}
