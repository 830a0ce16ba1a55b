using System.CommandLine;
using Switchyard.AspNetCore.Auth;
using Switchyard.Hosting.Auth;

namespace Switchyard.Cli.Commands;

/// <summary><c>switchyard keys</c>: makes virtual keys and the hashes that configuration stores instead of them.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant the key belongs to.", DefaultValueFactory = _ => "default" };
        var create = new Command("new", "Generate a new virtual key and print its configuration entry.") { tenant };
        create.SetAction(result =>
        {
            // The printed entry would be refused at start (Keys:<i>:Tenant is required).
            if (string.IsNullOrWhiteSpace(result.GetValue(tenant)))
            {
                Console.Error.WriteLine("error: --tenant must name a tenant.");
                return 2;
            }

            var key = KeyHash.NewKey("sy-");
            Console.WriteLine($"key:  {key}");
            Console.WriteLine($"hash: {KeyHash.Compute(key)}");
            Console.WriteLine($"config: {{ \"Tenant\": \"{result.GetValue(tenant)}\", \"Hash\": \"{KeyHash.Compute(key)}\" }}");
            return 0;
        });

        var keyArgument = new Argument<string>("key") { Description = "The key to hash." };
        var hash = new Command("hash", "Print the stored hash of an existing key.") { keyArgument };
        hash.SetAction(result =>
        {
            // The gateway never reads an empty key (SWITCHYARD_API_KEY="" is no key), so its hash could match nothing.
            var key = result.GetValue(keyArgument);
            if (string.IsNullOrWhiteSpace(key))
            {
                Console.Error.WriteLine("error: the key to hash is empty; give the key as it is sent (e.g. switchyard keys hash sy-…).");
                return 2;
            }

            Console.WriteLine(KeyHash.Compute(key));
            return 0;
        });

        return new Command("keys", "Create and hash virtual keys.") { create, hash };
    }
}
