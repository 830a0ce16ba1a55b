using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting;

namespace Switchyard.Cli.Commands;

/// <summary>What <c>serve</c> prints once it listens: where, with which key, and a request to paste.</summary>
internal static class Banner
{
    public static void Print(GatewayServer gateway, Uri? simulator)
    {
        var url = gateway.BaseAddress.ToString().TrimEnd('/');
        Console.WriteLine($"Switchyard gateway listening on {url}");
        if (simulator is not null)
        {
            Console.WriteLine($"No OPENAI_API_KEY or ANTHROPIC_API_KEY set: both providers are served by the built-in simulator at {simulator.ToString().TrimEnd('/')}");
        }

        var key = gateway.DevKey ?? "$SWITCHYARD_API_KEY";
        if (gateway.DevKey is not null)
        {
            Console.WriteLine($"Development key (tenant 'default', valid until this process exits): {gateway.DevKey}");
        }

        Console.WriteLine();
        Console.WriteLine("Try it (OpenAI format):");
        Console.WriteLine($"  curl -s {url}/v1/chat/completions -H 'Authorization: Bearer {key}' -H 'Content-Type: application/json' \\");
        Console.WriteLine("    -d '{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}'");
        Console.WriteLine("Try it (Anthropic format):");
        Console.WriteLine($"  curl -s {url}/v1/messages -H 'x-api-key: {key}' -H 'anthropic-version: 2023-06-01' -H 'Content-Type: application/json' \\");
        Console.WriteLine("    -d '{\"model\":\"claude-haiku-4-5\",\"max_tokens\":400,\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}'");
        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
