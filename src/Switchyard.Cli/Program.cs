using System.CommandLine;
using Switchyard.Cli.Commands;

var root = new RootCommand("Switchyard: a control plane for LLM traffic between your services, OpenAI and Anthropic.")
{
    ServeCommand.Create(),
    SimulateCommand.Create(),
    KeysCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
