import { useMutation } from '@apollo/client/react';
import type { ApolloCache } from '@apollo/client';
import { CREATE_MEMBER_MUTATION, UPDATE_MEMBER_MUTATION } from '../graphql/member.graphql';

/** A saved member can enter or leave any filtered list, so cached list pages are dropped and refetched on view. */
function forgetMemberLists(cache: ApolloCache) {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'members' });
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'insights' });
  cache.gc();
}

export function useCreateMember() {
  return useMutation(CREATE_MEMBER_MUTATION, { update: forgetMemberLists });
}

export function useUpdateMember() {
  return useMutation(UPDATE_MEMBER_MUTATION, { update: forgetMemberLists });
}
