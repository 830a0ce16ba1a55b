using System.CommandLine;
using Switchyard.Cli.Commands;
using Switchyard.Cli.Commands.Batch;

var root = new RootCommand("Switchyard: a control plane for LLM traffic between your services, OpenAI and Anthropic.")
{
    ServeCommand.Create(),
    SimulateCommand.Create(),
    KeysCommand.Create(),
    BatchCommand.Create(BatchCliContext.Console),
};

return await root.Parse(args).InvokeAsync();
