using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Runtime;

/// <summary>
/// One Responses API response: its content (<see cref="Writer"/>), current status, event log, and the token
/// that stops its generation. Status changes are thread-safe; a terminal status never changes again.
/// </summary>
internal sealed class ResponseRecord(ResponsesRequest request, ResponsesWriter writer, DateTimeOffset createdAt)
{
    private readonly Lock _gate = new();
    private ResponseView _view = new(request.Background ? "queued" : "in_progress");

    public string Id => Writer.Id;

    public ResponsesRequest Request { get; } = request;

    public ResponsesWriter Writer { get; } = writer;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public ResponseEventLog Events { get; } = new();

    /// <summary>Cancelled by <c>POST /v1/responses/{id}/cancel</c> or <c>DELETE</c>.</summary>
    public CancellationTokenSource Stop { get; } = new();

    public ResponseView View
    {
        get
        {
            lock (_gate)
            {
                return _view;
            }
        }
    }

    /// <summary>Moves to <paramref name="view"/> unless already terminal; returns whether it moved.</summary>
    public bool TryMove(ResponseView view)
    {
        lock (_gate)
        {
            if (_view.IsTerminal)
            {
                return false;
            }

            _view = view;
            return true;
        }
    }

    /// <summary>The conversation so far as input items (this request's chain plus the output), for <c>previous_response_id</c>.</summary>
    public IReadOnlyList<string> ConversationItems() =>
        View.HasOutput ? [.. Request.InputItems, .. Writer.OutputAsInputItems()] : Request.InputItems;
}
