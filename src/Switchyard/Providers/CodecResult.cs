using System.Diagnostics.CodeAnalysis;
using Switchyard.Failures;

namespace Switchyard.Providers;

/// <summary>The outcome of parsing untrusted bytes: a value, or a classified failure that says what was wrong.</summary>
/// <typeparam name="T">The parsed type.</typeparam>
public readonly struct CodecResult<T>
    where T : class
{
    private CodecResult(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The parsed value when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The failure when parsing failed (kind <see cref="FailureKind.InvalidRequest"/> for bad client input).</summary>
    public Failure? Failure { get; }

    /// <summary>Whether parsing succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Value is not null;

    /// <summary>A successful result.</summary>
    public static CodecResult<T> Success(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static CodecResult<T> Fail(Failure failure) => new(null, failure);

    /// <summary>An invalid-request failure naming the offending parameter.</summary>
    public static CodecResult<T> Invalid(string message, string? param = null) =>
        new(null, new Failure(FailureKind.InvalidRequest, message) { Param = param });

    /// <summary>Implicit success.</summary>
    public static implicit operator CodecResult<T>(T value) => Success(value);

    /// <summary>Implicit failure.</summary>
    public static implicit operator CodecResult<T>(Failure failure) => Fail(failure);
}
