import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';

export interface Edge {
  from: string;
  event: EventObject;
  to: string;
  /** Events that lead from the initial state to `from`. */
  path: EventObject[];
  /** Which start the edge belongs to (e.g. an anonymous complaint). */
  input: Record<string, unknown>;
}

/**
 * Every transition the machine accepts, each with a shortest path that reaches its source.
 * States are told apart by value plus the context facts that guards read (`facts`), so the
 * traversal is finite yet reaches both sides of every guard.
 */
export function transitionEdges(
  machine: AnyStateMachine,
  input: Record<string, unknown>,
  events: EventObject[],
  facts: (s: AnyMachineSnapshot) => string,
): Edge[] {
  const serializeState = (s: AnyMachineSnapshot) => `${JSON.stringify(s.value)}|${facts(s)}`;
  const options = { input, events, serializeState } as never;
  const paths = new Map<string, EventObject[]>();
  for (const p of getShortestPaths(machine, options)) {
    // The first step of every path is xstate's own init event, which is not ours to send.
    paths.set(
      serializeState(p.state as AnyMachineSnapshot),
      p.steps.map((s) => s.event as EventObject).filter((e) => !e.type.startsWith('xstate.')),
    );
  }
  return adjacencyMapToArray(getAdjacencyMap(machine, options))
    .filter(({ state, event }) => (state as AnyMachineSnapshot).can(event as EventObject))
    .map(({ state, event, nextState }) => ({
      from: String((state as AnyMachineSnapshot).value),
      event: event as EventObject,
      to: String((nextState as AnyMachineSnapshot).value),
      path: paths.get(serializeState(state as AnyMachineSnapshot)) ?? [],
      input,
    }));
}
