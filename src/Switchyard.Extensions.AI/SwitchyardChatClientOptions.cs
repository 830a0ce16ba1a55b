namespace Switchyard.Extensions.AI;

/// <summary>Who a <see cref="SwitchyardChatClient"/> speaks for, and its defaults.</summary>
public sealed record SwitchyardChatClientOptions : SwitchyardCallerOptions;
