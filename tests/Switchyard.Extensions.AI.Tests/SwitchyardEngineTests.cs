using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Gateway;
using Switchyard.Simulator;

namespace Switchyard.Extensions.AI.Tests;

/// <summary>Building the engine from a host's configuration: registration, validation, and the gateway's metrics in-process.</summary>
public sealed class SwitchyardEngineTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchyard-engine-{Guid.NewGuid():N}.db");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", new SimulatorOptions { Seed = LibraryHarness.Seed });

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(_database) + ".*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AddSwitchyardChatClient_RegistersAClientThatServes_AndTheContainerDisposesTheEngine()
    {
        var services = new ServiceCollection();
        services.AddSwitchyardChatClient(LibraryHarness.Configuration(_simulator.BaseAddress.ToString(), _database), new SwitchyardChatClientOptions { DefaultModelId = "chat" });

        await using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<IChatClient>();
            var response = await client.GetResponseAsync("Tell me about lakes.", new ChatOptions { MaxOutputTokens = 30 }, Cancel);

            Assert.NotEmpty(response.Text);
            Assert.Equal("switchyard", client.GetService<ChatClientMetadata>()!.ProviderName);
            Assert.Equal("chat", client.GetService<ChatClientMetadata>()!.DefaultModelId);
            Assert.Same(client, client.GetService<SwitchyardChatClient>());
        }

        // Disposed with the container: the SQLite file is closed and can be deleted.
        File.Delete(_database);
        Assert.False(File.Exists(_database));

        // Batch ownership belongs to the gateway's batch doors; a library host never creates its file.
        Assert.False(File.Exists(Path.ChangeExtension(_database, null) + ".batches.db"));
    }

    [Fact]
    public async Task AddSwitchyardEmbeddingGenerator_RegistersAGeneratorThatServes_BesideTheChatClient_OnOneEngine()
    {
        var services = new ServiceCollection();
        var configuration = LibraryHarness.Configuration(_simulator.BaseAddress.ToString(), _database);
        services.AddSwitchyardEmbeddingGenerator(configuration, new SwitchyardEmbeddingGeneratorOptions { DefaultModelId = "text-embedding-3-small", DefaultDimensions = 64 });
        services.AddSwitchyardChatClient(configuration);

        await using (var provider = services.BuildServiceProvider())
        {
            var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var embeddings = await generator.GenerateAsync(["Lakes are still."], cancellationToken: Cancel);
            var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;

            Assert.Equal(64, Assert.Single(embeddings).Vector.Length);
            Assert.Equal("switchyard", metadata.ProviderName);
            Assert.Equal("text-embedding-3-small", metadata.DefaultModelId);
            Assert.Equal(64, metadata.DefaultModelDimensions);
            Assert.Same(generator, generator.GetService<SwitchyardEmbeddingGenerator>());
            Assert.Null(generator.GetService<EmbeddingGeneratorMetadata>("keyed"));
            Assert.NotNull(provider.GetRequiredService<IChatClient>());
            Assert.Single(services, d => d.ServiceType == typeof(SwitchyardEngine));
        }

        // Disposed with the container: the SQLite file is closed and can be deleted.
        File.Delete(_database);
        Assert.False(File.Exists(_database));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public async Task DeltaLog_IsOffByDefault_AndOnWhenTheHostSaysSo(string? log, bool logged)
    {
        var settings = new ConfigurationBuilder()
            .AddConfiguration(LibraryHarness.Configuration(_simulator.BaseAddress.ToString(), _database))
            .AddInMemoryCollection(log is null ? [] : new Dictionary<string, string?> { ["Switchyard:Streams:Log"] = log })
            .Build();

        await using (var engine = SwitchyardEngine.Create(settings, environment: new Dictionary<string, string?>()))
        {
            var client = engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini" });
            await foreach (var _ in client.GetStreamingResponseAsync("Stream this.", new ChatOptions { MaxOutputTokens = 10 }, Cancel))
            {
            }
        }

        Assert.Equal(logged, File.Exists(Path.ChangeExtension(_database, null) + ".streams.db"));
    }

    [Fact]
    public void TheLibrary_NeedsNoWebHost()
    {
        // The library and the runtime it composes reference no ASP.NET Core assembly: any .NET host can embed them.
        var assemblies = new[] { typeof(SwitchyardEngine).Assembly, typeof(Switchyard.Hosting.GatewayRuntime).Assembly };

        Assert.All(
            assemblies.SelectMany(a => a.GetReferencedAssemblies()),
            reference => Assert.False(reference.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal), reference.Name));
    }

    [Fact]
    public void Create_WithoutAProvider_SaysWhichVariablesToSet()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Switchyard:Storage:Path"] = _database }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => SwitchyardEngine.Create(configuration, environment: new Dictionary<string, string?>()));

        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InvalidConfiguration_ListsEveryErrorWithItsPath()
    {
        var misspelt = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Switchyard:StormKontrol"] = "false" }).Build();
        var invalid = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Switchyard:Routes:chat:Targets:0:Provider"] = "nobody",
            ["Switchyard:Routes:chat:Targets:0:Model"] = "gpt-4o-mini",
            ["Switchyard:Costs:Budgets:0:Name"] = "cap",
            ["Switchyard:Costs:Budgets:0:Scope"] = "planet",
            ["Switchyard:Costs:Budgets:0:LimitUsd"] = "1",
        }).Build();
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-sim-openai", ["OPENAI_BASE_URL"] = _simulator.BaseAddress.ToString() };

        var unknownKey = Assert.Throws<OptionsValidationException>(() => SwitchyardEngine.Create(misspelt, environment));
        var wrongValues = Assert.Throws<OptionsValidationException>(() => SwitchyardEngine.Create(invalid, environment));

        Assert.Contains("StormKontrol", unknownKey.Message, StringComparison.Ordinal);
        Assert.Contains(wrongValues.Failures, f => f.Contains("Routes:chat", StringComparison.Ordinal));
        Assert.Contains(wrongValues.Failures, f => f.Contains("Budgets:0:Scope", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_AreCountedInTheGatewaysMetrics_AsOverHttp()
    {
        var route = $"probe-{Guid.NewGuid():N}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Switchyard:Storage:Path"] = _database,
            [$"Switchyard:Routes:{route}:Targets:0:Provider"] = "openai",
            [$"Switchyard:Routes:{route}:Targets:0:Model"] = "gpt-4o-mini",
        }).Build();
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-sim-openai", ["OPENAI_BASE_URL"] = _simulator.BaseAddress + "v1" };
        var counted = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Name == "switchyard.requests")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "switchyard.route" && (string?)tag.Value == route)
                {
                    Interlocked.Add(ref counted, value);
                }
            }
        });
        listener.Start();

        await using var engine = SwitchyardEngine.Create(configuration, environment);
        var client = engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = route });
        await client.GetResponseAsync("One.", new ChatOptions { MaxOutputTokens = 10 }, Cancel);
        await foreach (var _ in client.GetStreamingResponseAsync("Two.", new ChatOptions { MaxOutputTokens = 10 }, Cancel))
        {
        }

        Assert.Equal(2, Interlocked.Read(ref counted));
    }
}
