using Switchyard.Failures;
using Switchyard.Providers;

namespace Switchyard.Tests.Providers;

public sealed class CodecResultTests
{
    [Fact]
    public void Success_Value_IsSuccessWithTheValueAndNoFailure()
    {
        var result = CodecResult<string>.Success("parsed");

        Assert.True(result.IsSuccess);
        Assert.Equal("parsed", result.Value);
        Assert.Null(result.Failure);
    }

    [Fact]
    public void Fail_Failure_IsNotSuccessWithTheFailureAndNoValue()
    {
        var failure = new Failure(FailureKind.ServerError, "bad body");

        var result = CodecResult<string>.Fail(failure);

        Assert.False(result.IsSuccess);
        Assert.Same(failure, result.Failure);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Invalid_MessageAndParam_IsAnInvalidRequestFailureNamingTheParam()
    {
        var result = CodecResult<string>.Invalid("messages must not be empty", "messages");

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.InvalidRequest, result.Failure.Kind);
        Assert.Equal("messages must not be empty", result.Failure.Message);
        Assert.Equal("messages", result.Failure.Param);
    }

    [Fact]
    public void Invalid_NoParam_LeavesParamNull()
    {
        Assert.Null(CodecResult<string>.Invalid("broken").Failure?.Param);
    }

    [Fact]
    public void ImplicitConversion_FromValue_IsSuccess()
    {
        CodecResult<string> result = "parsed";

        Assert.True(result.IsSuccess);
        Assert.Equal("parsed", result.Value);
    }

    [Fact]
    public void ImplicitConversion_FromFailure_IsFailed()
    {
        var failure = new Failure(FailureKind.InvalidRequest, "no");

        CodecResult<string> result = failure;

        Assert.False(result.IsSuccess);
        Assert.Same(failure, result.Failure);
    }

    [Fact]
    public void Default_Uninitialized_IsNeitherSuccessNorCarriesAFailure()
    {
        // Documents a gap: default(CodecResult<T>) breaks the [MemberNotNullWhen(false, Failure)] promise.
        var result = default(CodecResult<string>);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Failure);
    }
}
