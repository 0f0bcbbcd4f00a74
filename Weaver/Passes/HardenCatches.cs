using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Stm.Weaving.Il;

namespace Stm.Weaving.Passes;

/// <summary>
/// Pass 5: no user handler may catch the abort exception, which must reach the frame holding
/// its start point. A <c>catch (Exception)</c> or <c>catch (object)</c> becomes a filter
/// <c>TxDescriptor.IsUserException&lt;T&gt;(ex)</c>; an existing filter first rejects the abort.
/// </summary>
public static class HardenCatches
{
    public static void Run(WeavingContext context)
    {
        context.ForEachMethod(context.WovenMethods.Where(m => m.Body.HasExceptionHandlers), method =>
        {
            foreach (var handler in method.Body.ExceptionHandlers.ToArray())
            {
                if (handler.HandlerType == ExceptionHandlerType.Catch && CouldCatchAbort(handler.CatchType))
                    TurnIntoFilter(context, method.Body, handler);
                else if (handler.HandlerType == ExceptionHandlerType.Filter)
                    RejectAbortFirst(context, method.Body, handler);
            }
        });
    }

    private static bool CouldCatchAbort(TypeReference caught) => caught.FullName is "System.Object" or "System.Exception";

    private static void TurnIntoFilter(WeavingContext context, MethodBody body, ExceptionHandler handler)
    {
        var start = handler.HandlerStart;
        var filter = Instruction.Create(OpCodes.Call, context.Runtime.IsUserException(handler.CatchType));
        var il = body.GetILProcessor();
        il.InsertBefore(start, filter);
        il.InsertBefore(start, Instruction.Create(OpCodes.Endfilter));
        foreach (var other in body.ExceptionHandlers)
        {
            if (other.TryEnd == start)
                other.TryEnd = filter;
            if (other.HandlerEnd == start)
                other.HandlerEnd = filter;
        }
        handler.HandlerType = ExceptionHandlerType.Filter;
        handler.FilterStart = filter;
        handler.CatchType = null;
    }

    private static void RejectAbortFirst(WeavingContext context, MethodBody body, ExceptionHandler handler)
    {
        // A filter block has one endfilter, its last instruction: the rejection branches to it with 0.
        var endFilter = handler.HandlerStart.Previous;
        var branch = Instruction.Create(OpCodes.Brfalse, handler.FilterStart);
        var original = context.EditorFor(body).InsertBefore(handler.FilterStart,
        [
            Instruction.Create(OpCodes.Dup),
            Instruction.Create(OpCodes.Call, context.Runtime.IsAbort),
            branch,
            Instruction.Create(OpCodes.Pop),
            Instruction.Create(OpCodes.Ldc_I4_0),
            Instruction.Create(OpCodes.Br, endFilter),
        ]);
        branch.Operand = original;
    }
}
