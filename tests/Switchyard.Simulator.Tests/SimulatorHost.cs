using System.Net.Http.Headers;
using System.Text;
using Switchyard.Simulator;

namespace Switchyard.Simulator.Tests;

/// <summary>A simulator on loopback port 0 plus an HttpClient pointed at it; one per test that needs its own scenario.</summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    private SimulatorHost(SimulatorServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public SimulatorServer Server { get; }

    public HttpClient Http { get; }

    public Uri BaseAddress => Server.BaseAddress;

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, string? scenarioJson = null)
    {
        options ??= new SimulatorOptions();
        if (scenarioJson is not null)
        {
            options = options with { Scenario = Scenario.Parse(scenarioJson) };
        }

        return new SimulatorHost(await SimulatorServer.StartAsync("http://127.0.0.1:0", options, TestContext.Current.CancellationToken));
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static HttpRequestMessage OpenAI(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test");
        return request;
    }

    public static HttpRequestMessage Responses(string body) => OpenAIRequest(HttpMethod.Post, "/v1/responses", body);

    /// <summary>An authenticated OpenAI request to any path, e.g. <c>GET /v1/responses/{id}</c>.</summary>
    public static HttpRequestMessage OpenAIRequest(HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test");
        return request;
    }

    public static HttpRequestMessage Anthropic(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = Json(body) };
        request.Headers.Add("x-api-key", "sk-ant-test");
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
