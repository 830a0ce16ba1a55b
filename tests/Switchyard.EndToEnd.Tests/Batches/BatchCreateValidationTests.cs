using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Costs;
using Switchyard.Hosting;
using Switchyard.Model;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>
/// A malformed batch create is a 400 naming what is wrong, whatever the tenant's budget: a tenant over its hard budget
/// heard 429 <c>budget_exceeded</c> for a body with no request in it, or for an endpoint the batch API does not have,
/// where a tenant without a budget heard the 400. A well-formed create is still refused by the budget.
/// </summary>
public sealed class BatchCreateValidationTests(BatchCreateValidationTests.Harness harness) : IClassFixture<BatchCreateValidationTests.Harness>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tenant <c>acme</c> with a hard budget of one cent, which <see cref="InitializeAsync"/> overspends.</summary>
    public sealed class Harness : BatchHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. base.ExtraSettings(),
            new("Switchyard:Costs:Budgets:0:Name", "acme-nothing"),
            new("Switchyard:Costs:Budgets:0:Scope", "tenant"),
            new("Switchyard:Costs:Budgets:0:Subject", "acme"),
            new("Switchyard:Costs:Budgets:0:LimitUsd", "0.01"),
        ];
    }

    public async ValueTask InitializeAsync()
    {
        // Spend past the limit (as a stream billed above its estimate can): even a $0 reservation is refused now.
        var ledger = harness.Gateway.Services.GetRequiredService<GatewayRuntime>().Ledger;
        await ledger.RecordAsync(new SpendRecord("acme", "acme", "gpt-4o-mini", "openai", "gpt-4o-mini", new TokenUsage(1000, 1000), 0.02m), Ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("null")]
    [InlineData("""{"requests":{"a":1}}""")]
    [InlineData("""{"requests":[]}""")]
    public async Task Anthropic_NoRequestInTheBody_400InvalidRequest_NotTheBudgetsRefusal(string body)
    {
        using var response = await harness.SendAsync(HttpMethod.Post, "/v1/messages/batches", anthropic: true, content: Json(body));
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.StartsWith("requests:", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anthropic_AWellFormedBatch_IsRefusedByTheBudget()
    {
        using var response = await harness.SendAsync(HttpMethod.Post, "/v1/messages/batches", anthropic: true, content: Json(
            """{"requests":[{"custom_id":"a","params":{"model":"claude-haiku-4-5","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}}]}"""));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"input_file_id":"file-x","endpoint":"/v1/foo","completion_window":"24h"}""", "endpoint")]
    [InlineData("""{"input_file_id":"file-x","completion_window":"24h"}""", "endpoint")]
    [InlineData("""{"input_file_id":"file-x","endpoint":"/v1/chat/completions","completion_window":"1h"}""", "completion_window")]
    public async Task OpenAI_AnEndpointOrWindowTheBatchApiDoesNotHave_400NamingIt(string body, string param)
    {
        using var response = await harness.SendAsync(HttpMethod.Post, "/v1/batches", content: Json(body));
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
