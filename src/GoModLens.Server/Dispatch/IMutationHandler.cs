using GoModLens.Server.Workspace;

namespace GoModLens.Server.Dispatch;

/// <summary>A state change: a pure function from one snapshot to the next, applied serially in arrival order.</summary>
internal interface IMutationHandler<TParams, TResult>
{
    Mutation<TResult> Apply(TParams request, WorkspaceSnapshot current);
}
