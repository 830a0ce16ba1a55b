using Microsoft.ML.Tokenizers;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Tests;

public sealed class TextGeneratorTests
{
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForModel("gpt-4o");

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(300)]
    public void Generate_TargetLength_ExactTokenCount(int tokens)
    {
        for (ulong seed = 0; seed < 10; seed++)
        {
            var text = TextGenerator.Generate(new StablePrng(seed), tokens, leadingSpace: false);
            Assert.Equal(tokens, O200k.CountTokens(text));
        }
    }
}
