using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary>A logger provider that keeps every entry with its rendered message and its scopes' key/value pairs.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>One log entry: everything a sink could write, as text.</summary>
    public sealed record Entry(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, string?>> Scope, IReadOnlyList<KeyValuePair<string, string?>> State)
    {
        public string AllText => string.Join('\n', new[] { Message, Exception ?? "" }.Concat(Scope.Concat(State).Select(p => $"{p.Key}={p.Value}")));

        public string? ScopeValue(string key) => Scope.LastOrDefault(p => p.Key == key).Value;
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new List<KeyValuePair<string, string?>>();
            owner._scopes.ForEachScope(
                (value, list) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        list.AddRange(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value?.ToString())));
                    }
                    else
                    {
                        list.Add(new("(scope)", value?.ToString()));
                    }
                },
                scope);
            var fields = state is IEnumerable<KeyValuePair<string, object?>> statePairs
                ? statePairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value?.ToString())).ToList()
                : [];
            owner.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception?.ToString(), scope, fields));
        }
    }
}
