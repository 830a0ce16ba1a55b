using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.AspNetCore.Auth;
using Switchyard.Hosting.Auth;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>The gateway harness with a second tenant and fast simulated batches.</summary>
public class BatchHarness : GatewayHarness
{
    /// <summary>The virtual key of tenant <c>globex</c>.</summary>
    public const string OtherTenantKey = "sy-test-globex-batch-5555";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Switchyard:Keys:1:Tenant", "globex"),
        new("Switchyard:Keys:1:Hash", KeyHash.Compute(OtherTenantKey)),
    ];

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with a key in the given provider's header style.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key = Key, bool anthropic = false, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(GatewayUrl, path)) { Content = content };
        request.Headers.TryAddWithoutValidation(anthropic ? "x-api-key" : "Authorization", anthropic ? key : "Bearer " + key);
        if (anthropic)
        {
            request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        }

        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The tenant's batch spend rows (<c>/admin/spend?route=batch&amp;group_by=model</c>).</summary>
    public async Task<List<JsonElement>> BatchSpendAsync(string key = Key)
    {
        using var response = await SendAsync(HttpMethod.Get, "/admin/spend?route=batch&group_by=model", key);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return [.. json.GetProperty("rows").EnumerateArray().Select(r => r.Clone())];
    }
}
