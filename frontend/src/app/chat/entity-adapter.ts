/**
 * The part of `@ngrx/entity`'s `createEntityAdapter` the chat uses, with the same names and shapes. `@ngrx/entity`
 * is not a dependency of the workspace yet; once it is, import from it instead and delete this file.
 */
export interface EntityState<T> {
  ids: string[];
  entities: Record<string, T | undefined>;
}

export interface Update<T> {
  id: string;
  changes: Partial<T>;
}

export interface EntityAdapterOptions<T> {
  selectId: (entity: T) => string;
  /** Keeps `ids` sorted; `false` keeps insertion order. */
  sortComparer?: false | ((a: T, b: T) => number);
}

export interface EntityAdapter<T> {
  selectId: (entity: T) => string;
  getInitialState(): EntityState<T>;
  getInitialState<S extends object>(extra: S): EntityState<T> & S;
  setAll<S extends EntityState<T>>(entities: readonly T[], state: S): S;
  setOne<S extends EntityState<T>>(entity: T, state: S): S;
  setMany<S extends EntityState<T>>(entities: readonly T[], state: S): S;
  upsertOne<S extends EntityState<T>>(entity: T, state: S): S;
  upsertMany<S extends EntityState<T>>(entities: readonly T[], state: S): S;
  updateOne<S extends EntityState<T>>(update: Update<T>, state: S): S;
  updateMany<S extends EntityState<T>>(updates: readonly Update<T>[], state: S): S;
  removeOne<S extends EntityState<T>>(id: string, state: S): S;
  removeAll<S extends EntityState<T>>(state: S): S;
  getSelectors(): {
    selectIds: (state: EntityState<T>) => string[];
    selectEntities: (state: EntityState<T>) => Record<string, T | undefined>;
    selectAll: (state: EntityState<T>) => T[];
    selectTotal: (state: EntityState<T>) => number;
  };
}

export function createEntityAdapter<T>(options: EntityAdapterOptions<T>): EntityAdapter<T> {
  const { selectId } = options;
  const sortComparer = options.sortComparer ?? false;

  function commit<S extends EntityState<T>>(state: S, entities: Record<string, T | undefined>, ids: string[]): S {
    const sorted = sortComparer ? [...ids].sort((a, b) => sortComparer(entities[a]!, entities[b]!)) : ids;
    return { ...state, ids: sorted, entities };
  }

  function write<S extends EntityState<T>>(state: S, items: readonly T[], merge: boolean): S {
    if (!items.length) return state;
    const entities = { ...state.entities };
    const ids = [...state.ids];
    for (const item of items) {
      const id = selectId(item);
      const existing = entities[id];
      if (existing === undefined) ids.push(id);
      entities[id] = merge && existing !== undefined ? { ...existing, ...item } : item;
    }
    return commit(state, entities, ids);
  }

  function updateMany<S extends EntityState<T>>(updates: readonly Update<T>[], state: S): S {
    const entities = { ...state.entities };
    let changed = false;
    for (const { id, changes } of updates) {
      const existing = entities[id];
      if (existing === undefined) continue;
      entities[id] = { ...existing, ...changes };
      changed = true;
    }
    return changed ? commit(state, entities, state.ids) : state;
  }

  return {
    selectId,
    getInitialState: <S extends object>(extra?: S) =>
      ({ ids: [], entities: {}, ...(extra ?? {}) }) as EntityState<T> & S,
    setAll: (items, state) => write({ ...state, ids: [], entities: {} }, items, false),
    setOne: (item, state) => write(state, [item], false),
    setMany: (items, state) => write(state, items, false),
    upsertOne: (item, state) => write(state, [item], true),
    upsertMany: (items, state) => write(state, items, true),
    updateOne: (update, state) => updateMany([update], state),
    updateMany,
    removeOne: (id, state) => {
      if (state.entities[id] === undefined) return state;
      const { [id]: _removed, ...entities } = state.entities;
      return { ...state, ids: state.ids.filter((other) => other !== id), entities };
    },
    removeAll: (state) => ({ ...state, ids: [], entities: {} }),
    getSelectors: () => ({
      selectIds: (state) => state.ids,
      selectEntities: (state) => state.entities,
      selectAll: (state) => state.ids.map((id) => state.entities[id]!),
      selectTotal: (state) => state.ids.length,
    }),
  };
}
