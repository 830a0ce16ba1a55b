using System.Text;

namespace Switchyard.Providers.OpenAI;

internal sealed partial class ResponsesStreamEncoder
{
    private sealed class OpenMessage(string id, int outputIndex)
    {
        public string Id { get; } = id;

        public int OutputIndex { get; } = outputIndex;

        public StringBuilder? Text { get; set; }

        public bool TextClosed { get; set; }

        public StringBuilder? Refusal { get; set; }

        public ResponsesMessageItem ToItem() => new(Id, Text?.ToString(), Refusal?.ToString());
    }

    private sealed class OpenReasoning(string id, int outputIndex)
    {
        public string Id { get; } = id;

        public int OutputIndex { get; } = outputIndex;

        public StringBuilder Summary { get; } = new();

        public ResponsesReasoningItem ToItem() => new(Id, Summary.ToString());
    }

    private sealed class OpenToolCall(int index, string id, int outputIndex, string callId, string name)
    {
        public int Index { get; } = index;

        public string Id { get; } = id;

        public int OutputIndex { get; } = outputIndex;

        public string Name { get; } = name;

        public StringBuilder Arguments { get; } = new();

        public ResponsesFunctionCallItem ToItem() => new(Id, callId, Name, Arguments.ToString());
    }
}
