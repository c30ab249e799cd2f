import { canCreateProduct } from '~/policy/register'
import type { SupplierViewer } from '~/policy/viewer'
import { assertAllowed, requireViewer } from '~/utils/auth.server'

// Shared by the supplier workspace's route modules (/leverandor/...): who may use it. (Their forms are read like
// every other form, with readSubmission/readFormData; the upload gives readFormData a larger limit.)

/**
 * The workspace is for verified members of verified supplier companies. A visitor is sent to sign in; everybody else
 * signed in (pending, buyers, coordinators and admins, who assess from /koordinator/vurdering) gets 403.
 */
export async function requireSupplier(request: Request): Promise<SupplierViewer> {
  const viewer = await requireViewer(request)
  if (canCreateProduct(viewer)) return viewer
  assertAllowed(false)
}
