namespace Switchyard.Memory;

/// <summary>Summarizer spend so far, checked against <see cref="SummarizerPolicy"/> before each fold.</summary>
/// <param name="SessionTokens">Tokens (input + output) spent summarizing this session, all time.</param>
/// <param name="SessionUsd">USD spent summarizing this session, all time.</param>
/// <param name="DayTokens">Tokens spent summarizing any session of the tenant on the day asked for.</param>
/// <param name="DayUsd">USD spent summarizing any session of the tenant on the day asked for.</param>
public readonly record struct SummarizerSpend(long SessionTokens, decimal SessionUsd, long DayTokens, decimal DayUsd);
