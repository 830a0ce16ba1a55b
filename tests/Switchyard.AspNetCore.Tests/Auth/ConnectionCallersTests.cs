using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.Hosting.Auth;

namespace Switchyard.AspNetCore.Tests.Auth;

public sealed class ConnectionCallersTests
{
    private static readonly Caller Acme = new("acme", "acme-prod");
    private static readonly Caller Globex = new("globex", "globex-prod");
    private static readonly VirtualKeyStore Store = new([(KeyHash.Compute("sy-acme"), Acme), (KeyHash.Compute("sy-globex"), Globex)]);

    [Fact]
    public void Resolve_KnownBearerKey_ReturnsItsCallerAndRemembersItOnTheConnection()
    {
        var connection = new Connection();

        var caller = ConnectionCallers.Resolve(Request(connection, authorization: "Bearer sy-acme"), Store, out var presented);

        Assert.Same(Acme, caller);
        Assert.True(presented);
        Assert.Single(connection.Items);
    }

    [Fact]
    public void Resolve_SameHeaderInstanceAgain_ReturnsTheSameCaller()
    {
        var connection = new Connection();
        var header = "Bearer sy-acme";
        ConnectionCallers.Resolve(Request(connection, authorization: header), Store, out _);

        var again = ConnectionCallers.Resolve(Request(connection, authorization: header), Store, out var presented);

        Assert.Same(Acme, again);
        Assert.True(presented);
    }

    [Fact]
    public void Resolve_AnotherKeyOnTheSameConnection_IsLookedUpAndReplacesTheRememberedOne()
    {
        var connection = new Connection();
        ConnectionCallers.Resolve(Request(connection, authorization: "Bearer sy-acme"), Store, out _);

        Assert.Same(Globex, ConnectionCallers.Resolve(Request(connection, authorization: "Bearer sy-globex"), Store, out _));
        Assert.Null(ConnectionCallers.Resolve(Request(connection, authorization: "Bearer sy-unknown"), Store, out var presented));
        Assert.True(presented);
    }

    [Fact]
    public void Resolve_SameHeaderInstanceUnderAReloadedStoreWithoutTheKey_IsRefused()
    {
        var connection = new Connection();
        var header = "Bearer sy-acme";
        ConnectionCallers.Resolve(Request(connection, authorization: header), Store, out _);
        var reloaded = new VirtualKeyStore([(KeyHash.Compute("sy-globex"), Globex)]);

        Assert.Null(ConnectionCallers.Resolve(Request(connection, authorization: header), reloaded, out var presented));
        Assert.True(presented);
    }

    [Fact]
    public void Resolve_ApiKeyHeaderBesideARememberedAuthorization_TheApiKeyWins()
    {
        var connection = new Connection();
        var header = "Bearer sy-acme";
        ConnectionCallers.Resolve(Request(connection, authorization: header), Store, out _);

        Assert.Same(Globex, ConnectionCallers.Resolve(Request(connection, authorization: header, apiKey: "sy-globex"), Store, out _));
        Assert.Null(ConnectionCallers.Resolve(Request(connection, authorization: header, apiKey: "sy-unknown"), Store, out var presented));
        Assert.True(presented);
    }

    [Fact]
    public void Resolve_UnknownKey_IsNotRemembered()
    {
        var connection = new Connection();

        Assert.Null(ConnectionCallers.Resolve(Request(connection, authorization: "Bearer sy-unknown"), Store, out _));
        Assert.Empty(connection.Items);
    }

    [Theory]
    [InlineData("HTTP/2")]
    [InlineData("HTTP/3")]
    public void Resolve_ConcurrentProtocol_ResolvesWithoutRemembering(string protocol)
    {
        var connection = new Connection();
        var context = Request(connection, authorization: "Bearer sy-acme");
        context.Request.Protocol = protocol;

        Assert.Same(Acme, ConnectionCallers.Resolve(context, Store, out _));
        Assert.Empty(connection.Items);
    }

    [Fact]
    public void Resolve_NoKey_ReportsNonePresented()
    {
        Assert.Null(ConnectionCallers.Resolve(Request(new Connection()), Store, out var presented));
        Assert.False(presented);
    }

    [Fact]
    public void Resolve_WithoutConnectionItems_StillResolves()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer sy-acme";

        Assert.Same(Acme, ConnectionCallers.Resolve(context, Store, out _));
    }

    private static DefaultHttpContext Request(Connection connection, string? authorization = null, string? apiKey = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Protocol = HttpProtocol.Http11;
        context.Features.Set<IConnectionItemsFeature>(connection);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        if (apiKey is not null)
        {
            context.Request.Headers[ApiKeyReader.ApiKeyHeader] = apiKey;
        }

        return context;
    }

    private sealed class Connection : IConnectionItemsFeature
    {
        public IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    }
}
