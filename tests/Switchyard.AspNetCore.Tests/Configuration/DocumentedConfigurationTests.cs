using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting;

namespace Switchyard.AspNetCore.Tests.Configuration;

/// <summary>The complete example in docs/configuration.md is real: the gateway starts with it and serves its routes.</summary>
public sealed partial class DocumentedConfigurationTests
{
    [Fact]
    public async Task CompleteExample_StartsAndListsItsRoutes()
    {
        var example = JsonNode.Parse(ExampleJson())!;
        var database = Path.Combine(Path.GetTempPath(), $"switchyard-doc-{Guid.NewGuid():N}.db");
        example["Switchyard"]!["Storage"]!["Path"] = database;
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, example.ToJsonString(), TestContext.Current.CancellationToken);
        try
        {
            await using var gateway = await GatewayServer.StartAsync(new GatewayServerOptions
            {
                Urls = "http://127.0.0.1:0",
                ConfigFile = file,
                Environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-doc", ["ANTHROPIC_API_KEY"] = "sk-ant-doc" },
                MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            }, TestContext.Current.CancellationToken);
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseAddress, "/v1/models"));
            request.Headers.Add("Authorization", "Bearer test");
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            var models = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

            var ids = models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
            Assert.Contains("chat-fast", ids);
            Assert.Contains("chat-smart", ids);
            Assert.Contains("chat-cheap", ids);
        }
        finally
        {
            File.Delete(file);
            foreach (var path in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    private static string ExampleJson()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));
        var section = doc[doc.IndexOf("## A complete example", StringComparison.Ordinal)..];
        return JsonBlock().Match(section).Groups[1].Value;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Switchyard.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Switchyard.slnx not found above the test binaries");
    }

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
