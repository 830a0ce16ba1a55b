using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Hosting.Memory;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Providers.OpenAI;
using Meai = Microsoft.Extensions.AI;

namespace Switchyard.Extensions.AI;

/// <summary>
/// The Switchyard engine as an <see cref="IChatClient"/>: each call runs the same path as a request to the gateway —
/// route plan, cost admission and budgets, the attempt loop with retries, fallback, breakers and buckets, stream repair,
/// spend settlement and metrics — in this process, without an HTTP hop. Failures throw <see cref="SwitchyardException"/>
/// with the gateway's classification; bad messages or options throw <see cref="ArgumentException"/>.
/// Thread-safe; one instance serves any number of concurrent calls.
/// </summary>
/// <remarks>
/// The engine speaks wire formats, so the client talks to it in the OpenAI Chat Completions format: the request is
/// written and validated as the gateway's OpenAI door would read it, and the answer read back. A route to an OpenAI
/// model thus passes bytes through as it does for an HTTP caller; a route to Claude is translated as for one. What that
/// format cannot carry (Claude's thinking blocks) does not reach this client either.
/// </remarks>
public sealed class SwitchyardChatClient : IChatClient
{
    private static readonly OpenAIChatCodec Format = OpenAIChatCodec.Instance;
    private readonly Func<ChatForwarder> _engine;
    private readonly SwitchyardChatClientOptions _options;
    private readonly ChatClientMetadata _metadata;
    private readonly GatewayMemory? _memory;

    /// <summary>
    /// Creates a client over the engine that <paramref name="engine"/> returns at each call (so a configuration reload
    /// applies to the next call, as in the gateway). Without memory: <see cref="SwitchyardEngine.CreateChatClient"/> gives
    /// a client whose <c>ChatOptions.ConversationId</c> names a memory session.
    /// </summary>
    public SwitchyardChatClient(Func<ChatForwarder> engine, SwitchyardChatClientOptions? options = null)
        : this(engine, options, memory: null)
    {
    }

    internal SwitchyardChatClient(Func<ChatForwarder> engine, SwitchyardChatClientOptions? options, GatewayMemory? memory)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _options = options ?? new SwitchyardChatClientOptions();
        _metadata = new ChatClientMetadata("switchyard", null, _options.DefaultModelId);
        _memory = memory;
    }

    /// <inheritdoc/>
    public async Task<Meai.ChatResponse> GetResponseAsync(IEnumerable<Meai.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (request, ticket) = await PrepareAsync(messages, options, stream: false, cancellationToken).ConfigureAwait(false);
        var capture = new AnswerCapture(cancellationToken);
        var outcome = await _engine().ForwardAsync(request, capture, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (capture.Failure is { } failure)
        {
            throw new SwitchyardException(failure);
        }

        var parsed = Format.ReadResponse(capture.Body ?? throw new InvalidOperationException("The engine returned without an answer."));
        if (!parsed.IsSuccess)
        {
            throw new SwitchyardException(parsed.Failure);
        }

        var response = ResponseMapping.ToResponse(parsed.Value, capture.ServedBy!, outcome.CostUsd);
        if (ticket is not null)
        {
            SessionMemory.Remember(_memory!, ticket, () => Task.FromResult<IReadOnlyList<ContentPart>?>(parsed.Value.Content));
            response.ConversationId = ticket.Key.SessionId;
        }

        return response;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Meai.ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (request, ticket) = await PrepareAsync(messages, options, stream: true, cancellationToken).ConfigureAwait(false);
        // With a memory session, what the caller is shown is what gets remembered.
        var answer = ticket is null ? null : new List<AIContent>();
        // Stopping early (a break, or the caller's token) stops the generation: in-process there is no one to resume it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var capture = new AnswerCapture(stop.Token);
        var forwarding = ForwardAsync(request, capture, stop.Token);
        try
        {
            await capture.Committed.ConfigureAwait(false);
            if (!capture.StreamStarted)
            {
                await forwarding.ConfigureAwait(false);
                throw new SwitchyardException(capture.Failure ?? new Failure(FailureKind.ServerError, "The engine answered a stream request without a stream."));
            }

            var assembler = new StreamUpdateAssembler(ResponseMapping.Properties(capture.ServedBy!));
            var decoder = Format.CreateStreamDecoder();
            var events = new List<StreamEvent>(4);
            // Decoded inside the parser's callback, from its span: no copy of each event's bytes. One list is reused,
            // because each item is consumed before the parser reads the next.
            var parser = SseParser.Create(capture.StreamReader.AsStream(), (type, data) =>
            {
                events.Clear();
                decoder.Decode(type, data, events);
                return events;
            });
            await foreach (var item in parser.EnumerateAsync(stop.Token).ConfigureAwait(false))
            {
                foreach (var streamEvent in item.Data)
                {
                    if (streamEvent is StreamErrorEvent error)
                    {
                        // The error event went through the wire format, which keeps less than the engine knew: report
                        // the engine's own classification (StreamBroken, IdleTimeout, …) with every attempt.
                        throw new SwitchyardException((await forwarding.ConfigureAwait(false)).Failure ?? error.Failure);
                    }

                    if (assembler.Add(streamEvent) is { } update)
                    {
                        if (ticket is not null)
                        {
                            update.ConversationId = ticket.Key.SessionId;
                            answer!.AddRange(update.Contents);
                        }

                        yield return update;
                    }
                }
            }

            events.Clear();
            decoder.Complete(events);
            if (events.OfType<StreamErrorEvent>().FirstOrDefault() is { } broken)
            {
                throw new SwitchyardException((await forwarding.ConfigureAwait(false)).Failure ?? broken.Failure);
            }

            var outcome = await forwarding.ConfigureAwait(false);
            if (capture.Aborted || outcome.Failure is not null)
            {
                throw new SwitchyardException(outcome.Failure ?? new Failure(FailureKind.StreamBroken, "The stream failed after it started."));
            }

            if (ticket is not null)
            {
                IReadOnlyList<ContentPart> parts = RequestMapping.AnswerParts(answer!);
                SessionMemory.Remember(_memory!, ticket, () => Task.FromResult<IReadOnlyList<ContentPart>?>(parts));
            }

            var settled = assembler.Settled(outcome.CostUsd, outcome.Continuations);
            settled.ConversationId = ticket?.Key.SessionId;
            yield return settled;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await capture.StreamReader.CompleteAsync().ConfigureAwait(false);
            // The engine settles spend even when cancelled; waiting for it keeps a caller's next budget check exact.
            await ((Task)forwarding).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the engine belongs to whoever created it (<see cref="SwitchyardEngine"/>).</summary>
    public void Dispose()
    {
    }

    private async Task<ForwardOutcome> ForwardAsync(GatewayRequest request, AnswerCapture capture, CancellationToken cancellationToken)
    {
        // Off the caller's thread, so that the caller reads the stream while the engine writes it.
        await Task.Yield();
        try
        {
            var outcome = await _engine().ForwardAsync(request, capture, cancellationToken).ConfigureAwait(false);
            capture.EngineDone(null);
            return outcome;
        }
        catch (Exception ex)
        {
            capture.EngineDone(ex);
            throw;
        }
    }

    // Written as the gateway's OpenAI door would receive it, then read by that door's reader: the same validation, and a
    // raw body for same-format passthrough that matches the canonical request exactly. With a memory session
    // (ChatOptions.ConversationId) the messages are first replaced by the assembled context, so that a caller may send
    // only its new turns — a tool result alone, as the function-invoking middleware does on a conversation — and what
    // is validated is what the provider gets.
    private async Task<(GatewayRequest Request, MemoryTicket? Ticket)> PrepareAsync(IEnumerable<Meai.ChatMessage> messages, ChatOptions? options, bool stream, CancellationToken cancellationToken)
    {
        var canonical = RequestMapping.ToCanonical(messages, options, _options.DefaultModelId, stream);
        MemoryTicket? ticket = null;
        if (options?.ConversationId is { } session)
        {
            (canonical, ticket) = await AssembleAsync(canonical, session, cancellationToken).ConfigureAwait(false);
        }

        var body = Format.WriteRequest(canonical, new UpstreamRequestOptions(canonical.Model, stream));
        var parsed = Format.ReadRequest(body);
        if (!parsed.IsSuccess)
        {
            throw new SwitchyardException(parsed.Failure);
        }

        return (Addressed(parsed.Value, body), ticket);
    }

    private async Task<(ChatRequest Request, MemoryTicket Ticket)> AssembleAsync(ChatRequest canonical, string session, CancellationToken cancellationToken)
    {
        // A conversation id that nothing remembers would drop the conversation's history without a word: refused.
        if (_memory is null)
        {
            throw new ArgumentException("ChatOptions.ConversationId names a memory session, and this engine has no memory: set Switchyard:Memory:Enabled to true, or leave ConversationId unset and send the history.");
        }

        if (!SessionMemory.IsValid(session))
        {
            throw new ArgumentException($"ChatOptions.ConversationId must be 1–{Memory.MemorySessionKey.MaxLength} characters, not blank.");
        }

        var (system, newTurns) = SessionMemory.Split(canonical.Messages);
        var (assembled, ticket, _) = await SessionMemory.AssembleAsync(_memory, _options.Tenant, canonical, session, system, newTurns, [], budgetTokens: null, cancellationToken).ConfigureAwait(false);
        return (assembled, ticket);
    }

    private GatewayRequest Addressed(ChatRequest request, ReadOnlyMemory<byte> body) => new(Format, request, body)
    {
        Tenant = _options.Tenant,
        KeyName = _options.KeyName,
        TierOverride = _options.TimeoutTier,
        DeadlineOverride = _options.Deadline,
    };
}
