/** The screens off the sign-in path: each is a chunk of its own, loaded by its route. */
export const screens = {
  callback: () => import('../callback/callback-page').then((m) => ({ Component: m.CallbackPage })),
  workItem: () => import('../work/work-item-page').then((m) => ({ Component: m.WorkItemPage })),
  projects: () => import('../projects/projects-page').then((m) => ({ Component: m.ProjectsPage })),
  project: () => import('../projects/project-page').then((m) => ({ Component: m.ProjectPage })),
  profile: () => import('../profile/profile-page').then((m) => ({ Component: m.ProfilePage })),
  session: () => import('../inspector/session-page').then((m) => ({ Component: m.SessionPage })),
  notFound: () =>
    import('../components/not-found-page').then((m) => ({ Component: m.NotFoundPage })),
};
