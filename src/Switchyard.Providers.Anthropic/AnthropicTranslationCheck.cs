using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>What of an OpenAI client's content Claude cannot take: audio, OpenAI file ids, files other than PDF and text.</summary>
internal static class AnthropicTranslationCheck
{
    public static UntranslatablePart? Find(ChatRequest request) => UntranslatablePart.Find(request, static part => part switch
    {
        FilePart file when AnthropicDocument.Untranslatable(file) is { } reason => new UntranslatablePart(file.Path, reason),
        OpaquePart opaque => new UntranslatablePart(opaque.Path, UntranslatablePart.TypeOf(opaque) switch
        {
            "input_audio" => "Claude models take no audio input; transcribe it and send the text instead.",
            var type => $"a `{type}` part has no equivalent in Anthropic's Messages format.",
        }),
        _ => null,
    });
}
