/**
 * The part of `@ngrx/entity`'s `createEntityAdapter` that the features use, with the same names and shapes, so
 * that moving to the real package (not a dependency yet) is a change of import. State is `{ ids, entities }`;
 * every operation returns a new state, or the same one when nothing changed.
 */
export interface EntityState<T> {
  ids: string[];
  entities: Record<string, T | undefined>;
}

export interface Update<T> {
  id: string;
  changes: Partial<T>;
}

export interface EntityAdapter<T> {
  getInitialState(): EntityState<T>;
  getInitialState<S extends object>(extra: S): EntityState<T> & S;
  setAll<S extends EntityState<T>>(entities: readonly T[], state: S): S;
  addOne<S extends EntityState<T>>(entity: T, state: S): S;
  setOne<S extends EntityState<T>>(entity: T, state: S): S;
  updateOne<S extends EntityState<T>>(update: Update<T>, state: S): S;
  removeOne<S extends EntityState<T>>(id: string, state: S): S;
  map<S extends EntityState<T>>(map: (entity: T) => T, state: S): S;
  getSelectors(): { selectAll: (state: EntityState<T>) => T[] };
}

export function createEntityAdapter<T>(options: { selectId?: (entity: T) => string } = {}): EntityAdapter<T> {
  const selectId = options.selectId ?? ((entity: T) => (entity as { id: string }).id);

  const setOne = <S extends EntityState<T>>(entity: T, state: S): S => {
    const id = selectId(entity);
    const ids = id in state.entities ? state.ids : [...state.ids, id];
    return { ...state, ids, entities: { ...state.entities, [id]: entity } };
  };

  return {
    getInitialState: <S extends object>(extra?: S) => ({ ids: [], entities: {}, ...extra }) as EntityState<T> & S,
    setAll: (entities, state) => ({
      ...state,
      ids: entities.map(selectId),
      entities: Object.fromEntries(entities.map((entity) => [selectId(entity), entity])),
    }),
    addOne: (entity, state) => (selectId(entity) in state.entities ? state : setOne(entity, state)),
    setOne,
    updateOne: ({ id, changes }, state) => {
      const entity = state.entities[id];
      return entity ? { ...state, entities: { ...state.entities, [id]: { ...entity, ...changes } } } : state;
    },
    removeOne: (id, state) => {
      if (!(id in state.entities)) return state;
      const { [id]: _removed, ...entities } = state.entities;
      return { ...state, ids: state.ids.filter((other) => other !== id), entities };
    },
    map: (map, state) => {
      let changed = false;
      const entities = { ...state.entities };
      for (const id of state.ids) {
        const before = entities[id]!;
        const after = map(before);
        if (after === before) continue;
        entities[id] = after;
        changed = true;
      }
      return changed ? { ...state, entities } : state;
    },
    getSelectors: () => ({
      selectAll: (state) => state.ids.map((id) => state.entities[id]!),
    }),
  };
}
