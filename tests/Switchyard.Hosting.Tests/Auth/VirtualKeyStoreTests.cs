using Switchyard.Hosting.Auth;

namespace Switchyard.Hosting.Tests.Auth;

public sealed class VirtualKeyStoreTests
{
    private static readonly Caller Acme = new("acme", "acme-prod");

    [Theory]
    [InlineData("sy-test-key")]
    [InlineData("clé-ünïcode-🔑")] // multi-byte UTF-8
    [InlineData(null)] // a 2,000-character key: over the stack buffer, hashed from the heap
    public void Find_KnownKey_ReturnsItsCallerAndNoOtherKeyMatches(string? key)
    {
        key ??= new string('k', 2000);
        var store = new VirtualKeyStore([(KeyHash.Compute(key), Acme), (KeyHash.Compute("other"), new Caller("globex", "g"))]);

        Assert.Same(Acme, store.Find(key));
        Assert.Null(store.Find(key + "x"));
        Assert.Null(store.Find(""));
    }
}
