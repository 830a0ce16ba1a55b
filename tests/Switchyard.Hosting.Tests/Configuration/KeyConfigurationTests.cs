using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Configuration;

namespace Switchyard.Hosting.Tests.Configuration;

/// <summary>Virtual keys in configuration: each listed once, and a key name never shared between tenants.</summary>
public sealed class KeyConfigurationTests
{
    [Fact]
    public void KeyNameOfTwoTenants_AndAKeyListedTwice_AreReportedWithTheirPaths()
    {
        var options = Options(
            Key("acme", "sy-a", "prod"),
            Key("globex", "sy-b", "prod"),
            Key("acme", "sy-a", "again"));

        var failures = new SwitchyardOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Contains(failures, f => f.Contains("Switchyard:Keys:1:Name 'prod'", StringComparison.Ordinal) && f.Contains("Switchyard:Keys:0 of tenant 'acme'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Switchyard:Keys:2:Hash", StringComparison.Ordinal) && f.Contains("Switchyard:Keys:0", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyNameSharedWithinOneTenant_IsAllowed_ForARotation()
    {
        var options = Options(Key("acme", "sy-old", "prod"), Key("acme", "sy-new", "prod"), Key("globex", "sy-g", null), Key("initech", "sy-i", null));

        Assert.Empty(new SwitchyardOptionsValidator().Validate(null, options).Failures ?? []);
    }

    [Fact]
    public void TheEnvironmentKeysName_IsRefusedInAnotherTenant_AndAllowedInItsOwn()
    {
        var elsewhere = new SwitchyardOptionsValidator().Validate(null, Options(Key("acme", "sy-a", "SWITCHYARD_API_KEY"))).Failures ?? [];
        var own = new SwitchyardOptionsValidator().Validate(null, Options(Key("default", "sy-d", "SWITCHYARD_API_KEY"), Key("acme", "sy-a", "dev")));

        Assert.Contains(elsewhere, f => f.Contains("Switchyard:Keys:0:Name 'SWITCHYARD_API_KEY'", StringComparison.Ordinal) && f.Contains("tenant 'default'", StringComparison.Ordinal));
        Assert.Empty(own.Failures ?? []);
    }

    [Fact]
    public void UpperCaseHash_IsAccepted_AndIsTheSameKeyAsItsLowerCaseForm()
    {
        var hash = KeyHash.Compute("sy-a");
        var upper = "sha256:" + hash["sha256:".Length..].ToUpperInvariant();

        var alone = new SwitchyardOptionsValidator().Validate(null, Options(new VirtualKeyOptions { Tenant = "acme", Hash = upper }));
        var twice = new SwitchyardOptionsValidator().Validate(null, Options(
            new VirtualKeyOptions { Tenant = "acme", Hash = hash }, new VirtualKeyOptions { Tenant = "acme", Hash = upper }));

        Assert.Empty(alone.Failures ?? []);
        Assert.Contains(twice.Failures ?? [], f => f.StartsWith("Switchyard:Keys:1:Hash is the hash of Switchyard:Keys:0", StringComparison.Ordinal));
    }

    private static VirtualKeyOptions Key(string tenant, string key, string? name) => new() { Tenant = tenant, Hash = KeyHash.Compute(key), Name = name };

    private static SwitchyardOptions Options(params VirtualKeyOptions[] keys)
    {
        var options = new SwitchyardOptions();
        options.Providers.OpenAI.BaseUrl = "http://127.0.0.1:9";
        options.Providers.OpenAI.ApiKey = "sk-test";
        options.Keys.AddRange(keys);
        return options;
    }
}
