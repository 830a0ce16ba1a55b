namespace Switchyard.Providers.OpenAI;

/// <summary>One <c>output[]</c> item of a Responses response, as the gateway writes it.</summary>
internal abstract record ResponsesItem(string Id);

/// <summary>An assistant <c>message</c> item: <c>output_text</c> and/or <c>refusal</c> content.</summary>
internal sealed record ResponsesMessageItem(string Id, string? Text, string? Refusal) : ResponsesItem(Id);

/// <summary>A <c>function_call</c> item.</summary>
internal sealed record ResponsesFunctionCallItem(string Id, string CallId, string Name, string Arguments) : ResponsesItem(Id);

/// <summary>A <c>reasoning</c> item with one summary text.</summary>
internal sealed record ResponsesReasoningItem(string Id, string Summary) : ResponsesItem(Id);
